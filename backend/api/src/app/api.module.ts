import { Module, type OnModuleInit, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigModule, LoggingModule, Metrics, MetricsModule } from '@leitstand/backend/core';
import { DatabaseModule } from '@leitstand/backend/data-access';
import { QueueModule } from '@leitstand/backend/jobs';
import { HealthController, MetricsController } from './health.controller';
import { AuthHttpModule } from './auth/auth-http.module';
import { CatalogHttpModule } from './catalog/catalog-http.module';
import { TicketsHttpModule } from './tickets/tickets-http.module';
import { KpiHttpModule } from './kpi/kpi-http.module';
import { NotificationsHttpModule } from './notifications/notifications-http.module';
import { DocumentsHttpModule } from './documents/documents-http.module';
import { MaintenanceHttpModule } from './maintenance/maintenance-http.module';
import { MaintenanceExecutionHttpModule } from './maintenance/maintenance-execution-http.module';
import { BillingHttpModule } from './billing/billing-http.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule.forRoot('api'),
    MetricsModule,
    DatabaseModule,
    QueueModule,
    AuthHttpModule,
    CatalogHttpModule,
    TicketsHttpModule,
    KpiHttpModule,
    NotificationsHttpModule,
    DocumentsHttpModule,
    MaintenanceHttpModule,
    MaintenanceExecutionHttpModule,
    BillingHttpModule,
  ],
  controllers: [HealthController, MetricsController],
})
export class ApiModule implements OnModuleInit {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      const [row] = (await this.dataSource.query(
        `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
           FROM outbox_messages WHERE published_at IS NULL`,
      )) as Array<{ pending: number; age: number }>;
      this.metrics.outboxPending.set(row?.pending ?? 0);
      this.metrics.outboxLag.set(row?.age ?? 0);
    });
  }
}
