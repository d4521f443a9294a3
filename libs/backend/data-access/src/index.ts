export * from './lib/entities';
export * from './lib/data-source';
export * from './lib/database-admin';
export * from './lib/database.module';
export * from './lib/contract-terms';
export * from './lib/ticket-sla';
