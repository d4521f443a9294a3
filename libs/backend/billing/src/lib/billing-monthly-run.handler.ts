import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Logger as PinoLogger } from 'pino';
import { CLOCK, ROOT_LOGGER, type Clock } from '@leitstand/backend/core';
import {
  BILLING_JOB_OPTIONS,
  BILLING_MONTHLY_CRON,
  BILLING_TZ,
  JobHandler,
  QueueRegistry,
  type HandlesJob,
  type JobPayloads,
} from '@leitstand/backend/jobs';
import { isInvoicePeriodKey } from '@leitstand/domain';
import { InvoiceService } from './invoice.service';

/** Contracts drafted at once (the pool has 10 connections by default; each draft loads a month's roll-up input). */
export const BILLING_RUN_CONCURRENCY = 4;

/**
 * 'billing.monthly-run' (job scheduler 'billing-monthly', 03:00 Europe/Berlin on the 2nd): drafts the invoice of
 * the previous month for every contract whose term covers it. Idempotent: a contract whose month is still a
 * draft gets it replaced (same invoice, next version), an approved or issued month is left as it is — so a
 * retry or a second run never duplicates an invoice and never undoes a manager's approval. The scheduler is
 * upserted under a stable key at worker start.
 */
@Injectable()
@JobHandler('billing.monthly-run')
export class BillingMonthlyRunHandler implements HandlesJob<'billing.monthly-run'>, OnApplicationBootstrap {
  constructor(
    @Inject(InvoiceService) private readonly invoices: InvoiceService,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) private readonly logger: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queues
        .queue('billing')
        .upsertJobScheduler(
          'billing-monthly',
          { pattern: BILLING_MONTHLY_CRON, tz: BILLING_TZ },
          { name: 'billing.monthly-run', data: { reason: 'schedule' }, opts: BILLING_JOB_OPTIONS },
        );
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'billing scheduler not upserted',
      );
    }
  }

  async handle(payload: JobPayloads['billing.monthly-run']): Promise<void> {
    const started = Date.now();
    const period =
      payload.period !== undefined && isInvoicePeriodKey(payload.period)
        ? payload.period
        : DateTime.fromJSDate(this.clock.now(), { zone: BILLING_TZ }).minus({ months: 1 }).toFormat('yyyy-MM');
    const result = await this.invoices.runMonth(period, BILLING_RUN_CONCURRENCY);
    this.logger.info({ period, ...result, ms: Date.now() - started }, 'billing monthly run done');
  }
}
