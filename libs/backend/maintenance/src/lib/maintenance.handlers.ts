import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { ROOT_LOGGER } from '@leitstand/backend/core';
import {
  JobHandler,
  MAINTENANCE_DAILY_CRON,
  MAINTENANCE_JOB_OPTIONS,
  MAINTENANCE_SWEEP_CRON,
  MAINTENANCE_TZ,
  QueueRegistry,
  type HandlesJob,
  type JobPayloads,
} from '@leitstand/backend/jobs';
import { OccurrenceGenerator } from './occurrence-generator';
import { OccurrenceSweep } from './occurrence-sweep';

/**
 * 'maintenance.generate': plans a contract's occurrences (or every contract's), then sweeps their
 * statuses. Requirements whose planning throws are logged as errors with their ids (the job still
 * completes for the others; the next run tries them again). At worker start it upserts the daily
 * generation and the hourly sweep under stable keys and queues one catch-up run for every contract,
 * so a worker that was stopped makes up for the days it missed.
 */
@Injectable()
@JobHandler('maintenance.generate')
export class MaintenanceGenerateHandler implements HandlesJob<'maintenance.generate'>, OnApplicationBootstrap {
  constructor(
    @Inject(OccurrenceGenerator) private readonly generator: OccurrenceGenerator,
    @Inject(OccurrenceSweep) private readonly sweep: OccurrenceSweep,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(ROOT_LOGGER) private readonly logger: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.queues.queue('maintenance');
    try {
      await queue.upsertJobScheduler(
        'maintenance-daily',
        { pattern: MAINTENANCE_DAILY_CRON, tz: MAINTENANCE_TZ },
        { name: 'maintenance.generate', data: { reason: 'schedule' }, opts: MAINTENANCE_JOB_OPTIONS },
      );
      await queue.upsertJobScheduler(
        'maintenance-sweep',
        { pattern: MAINTENANCE_SWEEP_CRON, tz: MAINTENANCE_TZ },
        { name: 'maintenance.sweep', data: { reason: 'schedule' }, opts: MAINTENANCE_JOB_OPTIONS },
      );
      await this.queues.add('maintenance.generate', { reason: 'schedule' });
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'maintenance schedulers not upserted',
      );
    }
  }

  async handle(payload: JobPayloads['maintenance.generate']): Promise<void> {
    const report = await this.generator.generate(payload.contractId);
    const swept = await this.sweep.run(payload.contractId);
    const { errors, ...figures } = report;
    for (const e of errors) {
      this.logger.error({ requirementId: e.requirementId, err: e.message }, 'maintenance requirement not planned');
    }
    this.logger.info(
      { ...figures, failedRequirements: errors.length, swept, contractId: payload.contractId ?? 'all' },
      'maintenance generation done',
    );
  }
}

/** 'maintenance.sweep' (hourly): statuses in step, reminder / overdue / missed events once each. */
@Injectable()
@JobHandler('maintenance.sweep')
export class MaintenanceSweepHandler implements HandlesJob<'maintenance.sweep'> {
  constructor(
    @Inject(OccurrenceSweep) private readonly sweep: OccurrenceSweep,
    @Inject(ROOT_LOGGER) private readonly logger: PinoLogger,
  ) {}

  async handle(): Promise<void> {
    const report = await this.sweep.run();
    if (report.changed > 0) this.logger.info({ ...report }, 'maintenance sweep done');
  }
}

export const MAINTENANCE_JOB_HANDLERS = [MaintenanceGenerateHandler, MaintenanceSweepHandler];
