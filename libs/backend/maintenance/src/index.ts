export * from './lib/maintenance.module';
export * from './lib/occurrence-execution.dto';
export * from './lib/occurrence-execution.service';
export * from './lib/occurrence-documents';
export * from './lib/occurrence-views';
export * from './lib/compliance.service';
export * from './lib/calendar-feed.service';
