import { Module } from '@nestjs/common';
import { ServiceReportRepository } from './service-report.repository';
import { ServiceReportService } from './service-report.service';

/** The back office (issue 16): service reports per ticket. */
@Module({
  providers: [ServiceReportRepository, ServiceReportService],
  exports: [ServiceReportService],
})
export class BillingModule {}
