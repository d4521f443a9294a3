import { Module } from '@nestjs/common';
import { CLOCK, SYSTEM_CLOCK } from '@leitstand/backend/core';
import { AssetMaintenanceLogService } from './asset-maintenance-log.service';
import { OccurrenceCalendarService } from './occurrence-calendar.service';
import { OccurrenceGenerator } from './occurrence-generator';
import { OccurrenceSweep } from './occurrence-sweep';
import { RequirementsService } from './requirements.service';

/**
 * Planned maintenance and statutory inspections (issue 15): requirements, the occurrence generator and
 * sweep, the calendar, an asset's maintenance log, and the execution of occurrences. Needs the global
 * DatabaseModule, QueueModule and LoggingModule. Each slice lists its services in MAINTENANCE_PROVIDERS.
 */
export const MAINTENANCE_PROVIDERS = [
  RequirementsService,
  OccurrenceGenerator,
  OccurrenceSweep,
  OccurrenceCalendarService,
  AssetMaintenanceLogService,
];

@Module({
  providers: [...MAINTENANCE_PROVIDERS, { provide: CLOCK, useValue: SYSTEM_CLOCK }],
  exports: [...MAINTENANCE_PROVIDERS, CLOCK],
})
export class MaintenanceModule {}
