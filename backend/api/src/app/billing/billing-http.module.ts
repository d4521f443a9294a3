import { Module } from '@nestjs/common';
import { BillingModule } from '@leitstand/backend/billing';
import { KpiModule } from '@leitstand/backend/kpi';
import { ContractEconomicsController } from './contract-economics.controller';
import { ServiceReportController } from './service-report.controller';

/** HTTP surface of the back office (issue 16). */
@Module({
  imports: [BillingModule, KpiModule],
  controllers: [ServiceReportController, ContractEconomicsController],
})
export class BillingHttpModule {}
