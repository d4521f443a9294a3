import { Module } from '@nestjs/common';
import { CLOCK, SYSTEM_CLOCK } from '@leitstand/backend/core';
import { KpiService } from './kpi.service';

/** KPI roll-ups (issue 6). Needs the global DatabaseModule. */
@Module({
  providers: [KpiService, { provide: CLOCK, useValue: SYSTEM_CLOCK }],
  exports: [KpiService, CLOCK],
})
export class KpiModule {}
