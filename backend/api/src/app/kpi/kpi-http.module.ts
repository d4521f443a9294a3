import { Module } from '@nestjs/common';
import { KpiModule } from '@leitstand/backend/kpi';
import { KpiController } from './kpi.controller';

/** HTTP surface of the KPI roll-ups: GET /api/contracts/:id/kpis and /costs. */
@Module({ imports: [KpiModule], controllers: [KpiController] })
export class KpiHttpModule {}
