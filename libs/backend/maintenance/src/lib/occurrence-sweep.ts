import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@leitstand/backend/core';
import { occurrenceStatus, type OccurrenceStatus } from '@leitstand/domain';

/** Occurrences whose status moves in one sweep transaction. */
export const SWEEP_BATCH_ROWS = 5_000;

/** The event a status change records once (dedup key = its type). */
const EVENT_OF: Partial<Record<OccurrenceStatus, 'reminder' | 'overdue' | 'missed'>> = {
  due: 'reminder',
  overdue: 'overdue',
  missed: 'missed',
};

interface CandidateRow {
  id: string;
  work_order_from: string;
  target_date: string;
  legal_latest: string;
  on_time_limit: string;
  started_on: string | null;
  completed_on: string | null;
  status: OccurrenceStatus;
  version: number;
  today: string;
}

export interface SweepReport {
  examined: number;
  changed: number;
  events: number;
}

/**
 * 'maintenance.sweep' (hourly, and after each generation): keeps `status` in step with the domain's
 * occurrenceStatus on the site's date, and records the reminder (the work-order date has come), overdue
 * (not started after the target date) and missed (not completed by the legal latest date) events —
 * each once per occurrence by its dedup key, in the statement that changes the status. Only rows that
 * can cross a threshold today are read: planned ones past their work-order date, open ones past their
 * target or legal latest date. A row changed between the read and the write (started, completed,
 * rescheduled or cancelled meanwhile: its version moved) is left alone; the next sweep judges it again.
 *
 * The events are written here rather than through the outbox on purpose: the status and its event are
 * both rows of this database, written by one statement (one transaction), and the unique
 * (occurrence_id, dedup_key) makes a repeated or concurrent sweep record nothing twice. An outbox row
 * and a job appending the event would split them into two transactions — a committed 'overdue' status
 * without its event until the relay and the worker ran — and add nothing: the outbox exists for what
 * lies outside the transaction (BullMQ, pushes, e-mails). A notification sent on these events would be
 * written to the outbox in this statement's transaction.
 */
@Injectable()
export class OccurrenceSweep {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(contractId?: string): Promise<SweepReport> {
    const now = this.clock.now();
    const report: SweepReport = { examined: 0, changed: 0, events: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT o.id, o.work_order_from::text, o.target_date::text, o.legal_latest::text, o.on_time_limit::text,
                (o.started_at AT TIME ZONE s.timezone)::date::text AS started_on, o.completed_on::text, o.status,
                o.version, ($1::timestamptz AT TIME ZONE s.timezone)::date::text AS today
           FROM maintenance_occurrences o JOIN sites s ON s.id = o.site_id
          WHERE o.id > $2 AND ($3::uuid IS NULL OR o.contract_id = $3)
            AND o.completed_at IS NULL AND o.status IN ('planned', 'due', 'overdue')
            AND (   (o.status = 'planned' AND o.work_order_from <= ($1::timestamptz AT TIME ZONE s.timezone)::date)
                 OR (o.status <> 'overdue' AND o.started_at IS NULL AND o.target_date < ($1::timestamptz AT TIME ZONE s.timezone)::date)
                 OR o.legal_latest < ($1::timestamptz AT TIME ZONE s.timezone)::date)
          ORDER BY o.id LIMIT $4`,
        [now, after, contractId ?? null, SWEEP_BATCH_ROWS],
      )) as CandidateRow[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?.id ?? after;
      report.examined += rows.length;
      const ids: string[] = [];
      const versions: number[] = [];
      const statuses: string[] = [];
      const eventTypes: string[] = [];
      for (const r of rows) {
        const next = occurrenceStatus(
          {
            workOrderFrom: r.work_order_from,
            targetDate: r.target_date,
            legalLatest: r.legal_latest,
            onTimeLimit: r.on_time_limit,
            ...(r.started_on !== null ? { startedOn: r.started_on } : {}),
            ...(r.completed_on !== null ? { completedOn: r.completed_on } : {}),
            cancelled: false,
          },
          r.today,
        );
        if (next === r.status) continue;
        ids.push(r.id);
        versions.push(r.version);
        statuses.push(next);
        eventTypes.push(EVENT_OF[next] ?? '');
      }
      if (ids.length === 0) continue;
      const [written] = (await this.dataSource.query(
        `WITH moved AS (
           UPDATE maintenance_occurrences o SET status = x.status, version = o.version + 1, updated_at = now()
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) AS x(id, status, event, version)
            WHERE o.id = x.id AND o.version = x.version
           RETURNING o.id, o.tenant_id, x.event, o.target_date, o.legal_latest),
         ev AS (
           INSERT INTO occurrence_events (occurrence_id, tenant_id, type, dedup_key, payload)
           SELECT id, tenant_id, event, event, jsonb_build_object('targetDate', target_date, 'legalLatest', legal_latest)
             FROM moved WHERE event <> ''
           ON CONFLICT (occurrence_id, dedup_key) DO NOTHING
           RETURNING 1)
         SELECT (SELECT count(*)::int FROM moved) AS changed, (SELECT count(*)::int FROM ev) AS events`,
        [ids, statuses, eventTypes, versions],
      )) as Array<{ changed: number; events: number }>;
      report.changed += written?.changed ?? 0;
      report.events += written?.events ?? 0;
    }
    return report;
  }
}

/** The site-local date of an instant (exported for the calendar and tests). */
export function siteDate(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate() as string;
}
