export * from './lib/billing.module';
export * from './lib/service-report.dto';
export * from './lib/service-report.repository';
export * from './lib/service-report.service';
export * from './lib/contract-economics.service';
