export * from './lib/common.types';
export * from './lib/ticket.types';
export * from './lib/health.types';
