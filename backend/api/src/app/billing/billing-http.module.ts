import { Module } from '@nestjs/common';
import { BillingModule, InvoiceModule } from '@leitstand/backend/billing';
import { SIGN_OFF_DOCUMENTS, ServiceReportSignOffService } from '@leitstand/backend/billing';
import { CLOCK, SYSTEM_CLOCK } from '@leitstand/backend/core';
import { DocumentsModule } from '@leitstand/backend/documents';
import { KpiModule, KpiPeriodCostSource } from '@leitstand/backend/kpi';
import { ContractEconomicsController } from './contract-economics.controller';
import { ContractIndexationController, IndexSeriesController } from './indexation.controller';
import { InvoiceController } from './invoice.controller';
import { DocumentStoreSignOffDocuments, ServiceReportSignOffController } from './service-report-sign-off.controller';
import { ServiceReportController } from './service-report.controller';

/** HTTP surface of the back office (issue 16). */
@Module({
  imports: [
    BillingModule,
    KpiModule,
    DocumentsModule,
    InvoiceModule.register({ imports: [KpiModule], periodCost: KpiPeriodCostSource }),
  ],
  controllers: [
    ServiceReportController,
    ContractEconomicsController,
    ServiceReportSignOffController,
    InvoiceController,
    IndexSeriesController,
    ContractIndexationController,
  ],
  providers: [
    ServiceReportSignOffService,
    { provide: CLOCK, useValue: SYSTEM_CLOCK },
    { provide: SIGN_OFF_DOCUMENTS, useClass: DocumentStoreSignOffDocuments },
  ],
})
export class BillingHttpModule {}
