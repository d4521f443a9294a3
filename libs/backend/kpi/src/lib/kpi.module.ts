import { Module } from '@nestjs/common';
import { KPI_CLOCK, SYSTEM_KPI_CLOCK } from './kpi.clock';
import { KpiService } from './kpi.service';

/** KPI roll-ups (issue 6). Needs the global DatabaseModule. */
@Module({
  providers: [KpiService, { provide: KPI_CLOCK, useValue: SYSTEM_KPI_CLOCK }],
  exports: [KpiService, KPI_CLOCK],
})
export class KpiModule {}
