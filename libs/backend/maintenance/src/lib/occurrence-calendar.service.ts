import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { OCCURRENCE_CALENDAR_MAX_ROWS, OCCURRENCE_STATUSES } from '@leitstand/api-contracts';
import { InvalidInputError, tenantFilter, type AuthUser } from '@leitstand/backend/core';
import type { OccurrenceCalendarQueryDto } from './maintenance.dto';
import { PLAN_READER_ROLES, assertPlanRole } from './requirements.service';

/** The widest calendar range (a year view plus a margin). */
export const CALENDAR_MAX_DAYS = 400;

function planDate(value: string, field: string): string {
  const d = DateTime.fromISO(value, { zone: 'UTC' });
  if (!d.isValid || d.toISODate() !== value) {
    throw InvalidInputError.of(field, `${field} must be a real date yyyy-mm-dd`);
  }
  return value;
}

/**
 * The maintenance calendar: occurrences by target date for a site and trade (month and year views),
 * filtered by status, within the caller's tenants. The answer carries what the calendar grid draws: per
 * occurrence its id, target date and status, with its requirement and asset as indexes into two lists that
 * name each requirement (task key, title) and asset (code, name, trade) once — a month of one site with
 * 5,000 occurrences is ~0.6 MB instead of ~2.3 MB with every field repeated per row. One statement;
 * PostgreSQL writes the JSON text itself, so 5,000 rows cost no per-row work in Node — the body is passed
 * through as is. More than OCCURRENCE_CALENDAR_MAX_ROWS rows answer 400 naming `to` (narrow the range or
 * the filters).
 */
@Injectable()
export class OccurrenceCalendarService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The calendar rows as the JSON text of an OccurrenceCalendarResponse. */
  async calendarJson(user: AuthUser, query: OccurrenceCalendarQueryDto): Promise<string> {
    assertPlanRole(user, PLAN_READER_ROLES);
    const from = planDate(query.from, 'from');
    const to = planDate(query.to, 'to');
    if (to < from) throw InvalidInputError.of('to', 'to must not be before from');
    if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days > CALENDAR_MAX_DAYS) {
      throw InvalidInputError.of('to', `the range spans at most ${CALENDAR_MAX_DAYS} days`);
    }
    let statuses: string[] | null = null;
    if (query.status !== undefined) {
      statuses = query.status.split(',').map((s) => s.trim());
      const unknown = statuses.filter((s) => !(OCCURRENCE_STATUSES as readonly string[]).includes(s));
      if (statuses.length === 0 || unknown.length > 0) {
        throw InvalidInputError.of('status', `expected a comma-separated list of ${OCCURRENCE_STATUSES.join(', ')}`);
      }
    }
    // rows: the matching occurrences (LIMIT max + 1 only tells "too many"; their order is set below).
    // req / ast: each referenced requirement and asset once, numbered in the order the lists are written
    // (task key; asset code), so items are ordered by target date, asset code, id through the asset's index.
    const [row] = (await this.dataSource.query(
      `WITH rows AS MATERIALIZED (
         SELECT o.id, o.requirement_id, o.asset_id, o.target_date, o.status
           FROM maintenance_occurrences o
          WHERE o.target_date BETWEEN $1::date AND $2::date
            AND ($3::uuid IS NULL OR o.site_id = $3::uuid)
            AND ($4::text IS NULL OR o.trade = $4::text)
            AND ($5::text[] IS NULL OR o.status = ANY($5::text[]))
            AND ($6::uuid[] IS NULL OR o.tenant_id = ANY($6::uuid[]))
          LIMIT $7),
       req AS MATERIALIZED (
         SELECT r.id, r.task_key, r.title, (row_number() OVER (ORDER BY r.task_key, r.id))::int - 1 AS ix
           FROM maintenance_requirements r WHERE r.id IN (SELECT requirement_id FROM rows)),
       ast AS MATERIALIZED (
         SELECT a.id, a.code, a.name, a.trade, (row_number() OVER (ORDER BY a.code, a.id))::int - 1 AS ix
           FROM assets a WHERE a.id IN (SELECT asset_id FROM rows))
       SELECT (SELECT count(*)::int FROM rows) AS n,
              '{"requirements":' ||
              (SELECT coalesce(json_agg(json_build_object('id', id, 'taskKey', task_key, 'title', title) ORDER BY ix),
                               '[]') FROM req)::text ||
              ',"assets":' ||
              (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'trade', trade)
                                        ORDER BY ix), '[]') FROM ast)::text ||
              ',"items":[' ||
              -- uuids, integers, ISO dates and status keys need no JSON escaping: concatenated text costs
              -- about half of json_build_object per row.
              coalesce((SELECT string_agg(concat('{"id":"', x.id, '","requirement":', q.ix, ',"asset":', s.ix,
                                                 ',"targetDate":"', x.target_date::text, '","status":"', x.status, '"}'),
                                          ',' ORDER BY x.target_date, s.ix, x.id)
                          FROM rows x JOIN req q ON q.id = x.requirement_id JOIN ast s ON s.id = x.asset_id), '') ||
              ']}' AS body`,
      [
        from,
        to,
        query.siteId ?? null,
        query.trade ?? null,
        statuses,
        tenantFilter(user),
        OCCURRENCE_CALENDAR_MAX_ROWS + 1,
      ],
    )) as Array<{ n: number; body: string }>;
    if ((row?.n ?? 0) > OCCURRENCE_CALENDAR_MAX_ROWS) {
      throw InvalidInputError.of(
        'to',
        `more than ${OCCURRENCE_CALENDAR_MAX_ROWS} occurrences: narrow the range, the site or the trade`,
      );
    }
    return row?.body ?? '{"requirements":[],"assets":[],"items":[]}';
  }
}
