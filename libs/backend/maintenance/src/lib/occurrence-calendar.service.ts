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
 * filtered by status, within the caller's tenants. One statement; PostgreSQL builds the JSON array
 * itself (json_agg), so 5,000 rows cost no per-row work in Node — the body is passed through as is.
 * More than OCCURRENCE_CALENDAR_MAX_ROWS rows answer 400 naming `to` (narrow the range or the filters).
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
    const [row] = (await this.dataSource.query(
      `WITH rows AS (
         SELECT o.id, o.requirement_id, r.task_key, r.title, o.asset_id, a.code, a.name, o.trade, o.kind, o.target_date,
                o.legal_latest, o.on_time_limit, o.status, o.technician_id, o.completed_on
           FROM maintenance_occurrences o
           JOIN maintenance_requirements r ON r.id = o.requirement_id
           JOIN assets a ON a.id = o.asset_id
          WHERE o.target_date BETWEEN $1::date AND $2::date
            AND ($3::uuid IS NULL OR o.site_id = $3::uuid)
            AND ($4::text IS NULL OR o.trade = $4::text)
            AND ($5::text[] IS NULL OR o.status = ANY($5::text[]))
            AND ($6::uuid[] IS NULL OR o.tenant_id = ANY($6::uuid[]))
          ORDER BY o.target_date, a.code, o.id
          LIMIT $7)
       SELECT count(*)::int AS n,
              coalesce(json_agg(json_build_object(
                'id', id, 'requirementId', requirement_id, 'taskKey', task_key, 'title', title, 'assetId', asset_id,
                'assetCode', code, 'assetName', name, 'trade', trade, 'kind', kind, 'targetDate', target_date,
                'legalLatest', legal_latest, 'onTimeLimit', on_time_limit, 'status', status,
                'technicianId', technician_id, 'completedOn', completed_on)), '[]')::text AS items
         FROM rows`,
      [
        from,
        to,
        query.siteId ?? null,
        query.trade ?? null,
        statuses,
        tenantFilter(user),
        OCCURRENCE_CALENDAR_MAX_ROWS + 1,
      ],
    )) as Array<{ n: number; items: string }>;
    if ((row?.n ?? 0) > OCCURRENCE_CALENDAR_MAX_ROWS) {
      throw InvalidInputError.of(
        'to',
        `more than ${OCCURRENCE_CALENDAR_MAX_ROWS} occurrences: narrow the range, the site or the trade`,
      );
    }
    return `{"items":${row?.items ?? '[]'}}`;
  }
}
