export { ADMIN_ROUTES, adminOnlyGuard } from './lib/admin.routes';
