export * from './lib/common.types';
export * from './lib/health.types';
export * from './lib/auth.types';
export * from './lib/catalog.types';
export * from './lib/ticket.types';
export * from './lib/kpi.types';
export * from './lib/document.types';
export * from './lib/maintenance.types';
