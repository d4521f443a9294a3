import { Module } from '@nestjs/common';
import { BillingModule } from '@leitstand/backend/billing';
import { ServiceReportController } from './service-report.controller';

/** HTTP surface of the back office (issue 16). */
@Module({
  imports: [BillingModule],
  controllers: [ServiceReportController],
})
export class BillingHttpModule {}
