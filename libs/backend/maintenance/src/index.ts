export * from './lib/maintenance.module';
