export * from './lib/billing.module';
export * from './lib/service-report.dto';
export * from './lib/service-report.repository';
export * from './lib/service-report.service';
export * from './lib/contract-economics.service';
export * from './lib/service-report-pdf';
export * from './lib/service-report-sign-off.service';
export * from './lib/service-report-sign-off.dto';
