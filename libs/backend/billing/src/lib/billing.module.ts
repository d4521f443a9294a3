import { Module } from '@nestjs/common';
import { ContractEconomicsService } from './contract-economics.service';
import { IndexationService } from './indexation.service';
import { ServiceReportRepository } from './service-report.repository';
import { ServiceReportService } from './service-report.service';

/** The back office (issue 16): service reports per ticket, contract economics. */
@Module({
  providers: [ServiceReportRepository, ServiceReportService, ContractEconomicsService, IndexationService],
  exports: [ServiceReportService, ContractEconomicsService, IndexationService],
})
export class BillingModule {}
