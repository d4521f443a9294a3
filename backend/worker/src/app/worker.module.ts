import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConfigModule, LoggingModule, MetricsModule } from '@leitstand/backend/core';
import { DatabaseModule } from '@leitstand/backend/data-access';
import { QueueModule } from '@leitstand/backend/jobs';
import { SlaBreachHandler, SlaTimersModule, SlaWarningHandler, TicketIntakeHandler } from '@leitstand/backend/tickets';
import {
  KpiModule,
  KpiPeriodCostSource,
  KpiRecomputeAllHandler,
  KpiRecomputeContractHandler,
  KpiSweepHandler,
} from '@leitstand/backend/kpi';
import { MAINTENANCE_JOB_HANDLERS, MaintenanceModule } from '@leitstand/backend/maintenance';
import { BillingMonthlyRunHandler, InvoiceModule } from '@leitstand/backend/billing';
import { JobRuntime } from './job-runtime';

/** Job handlers are listed here; the JobRuntime checks that every declared job has exactly one. */
export const JOB_HANDLERS = [
  TicketIntakeHandler,
  SlaWarningHandler,
  SlaBreachHandler,
  KpiRecomputeContractHandler,
  KpiSweepHandler,
  KpiRecomputeAllHandler,
  ...MAINTENANCE_JOB_HANDLERS,
  BillingMonthlyRunHandler,
];

@Module({
  imports: [
    ConfigModule,
    LoggingModule.forRoot('worker'),
    MetricsModule,
    DatabaseModule,
    QueueModule,
    DiscoveryModule,
    KpiModule,
    SlaTimersModule,
    MaintenanceModule,
    InvoiceModule.register({ imports: [KpiModule], periodCost: KpiPeriodCostSource }),
  ],
  providers: [...JOB_HANDLERS, JobRuntime],
})
export class WorkerModule {}
