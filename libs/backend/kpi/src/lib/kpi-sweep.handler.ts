import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { ROOT_LOGGER } from '@leitstand/backend/core';
import {
  JobHandler,
  KPI_JOB_OPTIONS,
  KPI_NIGHTLY_CRON,
  KPI_NIGHTLY_TZ,
  KPI_RECOMPUTE_DEBOUNCE_MS,
  KPI_SWEEP_EVERY_MS,
  QueueRegistry,
  type HandlesJob,
} from '@leitstand/backend/jobs';
import { KpiService } from './kpi.service';

/**
 * 'kpi.sweep' (every KPI_SWEEP_EVERY_MS): the debounced on-change path. Each contract whose tickets,
 * clocks, work logs or materials changed since its roll-ups gets one delayed 'kpi.recompute-contract'
 * (deterministic id per contract, so a burst of changes yields one recompute). At worker start it
 * upserts both job schedulers — the sweep and the nightly full recompute — under stable keys, so
 * restarts and several workers never stack them.
 */
@Injectable()
@JobHandler('kpi.sweep')
export class KpiSweepHandler implements HandlesJob<'kpi.sweep'>, OnApplicationBootstrap {
  constructor(
    @Inject(KpiService) private readonly kpi: KpiService,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(ROOT_LOGGER) private readonly logger: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.queues.queue('kpi');
    try {
      await queue.upsertJobScheduler(
        'kpi-sweep',
        { every: KPI_SWEEP_EVERY_MS },
        { name: 'kpi.sweep', data: { reason: 'schedule' }, opts: KPI_JOB_OPTIONS },
      );
      await queue.upsertJobScheduler(
        'kpi-nightly',
        { pattern: KPI_NIGHTLY_CRON, tz: KPI_NIGHTLY_TZ },
        { name: 'kpi.recompute-all', data: { reason: 'schedule' }, opts: KPI_JOB_OPTIONS },
      );
    } catch (error) {
      // Redis down at boot: the worker still starts; the next start (or a reconnect) upserts again.
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'kpi schedulers not upserted');
    }
  }

  async handle(): Promise<void> {
    const changed = await this.kpi.changedContracts();
    for (const contractId of changed) {
      await this.queues.add('kpi.recompute-contract', { contractId }, { delayMs: KPI_RECOMPUTE_DEBOUNCE_MS });
    }
    if (changed.length > 0) this.logger.info({ contracts: changed.length }, 'kpi recompute enqueued');
  }
}
