import { Module } from '@nestjs/common';
import { CLOCK, SYSTEM_CLOCK } from '@leitstand/backend/core';

/**
 * Planned maintenance and statutory inspections (issue 15): requirements, the occurrence generator and
 * sweep, the calendar, an asset's maintenance log, and the execution of occurrences. Needs the global
 * DatabaseModule and QueueModule. Services are added per slice (requirements / generation / calendar,
 * execution); each lists itself in MAINTENANCE_PROVIDERS.
 */
export const MAINTENANCE_PROVIDERS = [{ provide: CLOCK, useValue: SYSTEM_CLOCK }];

@Module({
  providers: [...MAINTENANCE_PROVIDERS],
  exports: [...MAINTENANCE_PROVIDERS.map((p) => p.provide)],
})
export class MaintenanceModule {}
