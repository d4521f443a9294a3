export { MAINTENANCE_ROUTES } from './lib/maintenance.routes';
