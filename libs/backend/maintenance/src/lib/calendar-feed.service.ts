import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { CalendarTokenResponse } from '@leitstand/api-contracts';
import {
  APP_CONFIG,
  CLOCK,
  ForbiddenError,
  NotFoundError,
  type AppConfig,
  type AuthUser,
  type Clock,
} from '@leitstand/backend/core';

/** How far ahead the feed reaches: 8 weeks. */
export const CALENDAR_FEED_DAYS = 56;
/** A feed token: 32 random bytes, base64url (43 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Most events in one feed (8 weeks of one technician's work stay far below it). */
const FEED_LIMIT = 2000;

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** The stable UID of an occurrence's event: calendars update the same entry when the date moves. */
export function occurrenceUid(occurrenceId: string): string {
  return `occurrence-${occurrenceId}@leitstand`;
}

interface FeedRow {
  id: string;
  target_date: string;
  legal_latest: string;
  title: string;
  kind: string;
  status: string;
  site_name: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  asset_code: string;
  asset_name: string;
  updated_at: Date;
}

/**
 * The technicians' iCalendar feed (issue 15): a secret URL per technician, its token stored only as a
 * sha256 hash (a new token replaces the old one, so a leaked URL is revoked by asking for a new one), and
 * the feed — all-day events of the technician's released open work orders (own or unassigned, of the
 * technician's tenants) whose target date is within the next 8 weeks (overdue ones stay on their date).
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new feed URL for the signed-in technician (the only time the token is shown). */
  async issueToken(user: AuthUser): Promise<CalendarTokenResponse> {
    if (user.role !== 'technician') throw new ForbiddenError('the calendar feed is for technicians');
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.query(`UPDATE users SET calendar_token_hash = $2 WHERE id = $1`, [user.id, sha256Hex(token)]);
    return { url: `${this.config.http.publicUiUrl}/api/calendar/${token}.ics` };
  }

  /** The feed of the token's technician as iCalendar text; 404 for an unknown (or replaced) token. */
  async feed(token: string): Promise<string> {
    if (!TOKEN_PATTERN.test(token)) throw new NotFoundError('calendar', 'token');
    const [user] = (await this.dataSource.query(
      `SELECT u.id, u.display_name, u.language FROM users u
        WHERE u.calendar_token_hash = $1 AND u.active AND u.role = 'technician'`,
      [sha256Hex(token)],
    )) as Array<{ id: string; display_name: string; language: string }>;
    if (!user) throw new NotFoundError('calendar', 'token');
    const now = this.clock.now();
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.target_date::text AS target_date, o.legal_latest::text AS legal_latest, r.title, o.kind, o.status,
              s.name AS site_name, s.street, s.postal_code, s.city, a.code AS asset_code, a.name AS asset_name,
              o.updated_at
         FROM maintenance_occurrences o
         JOIN sites s ON s.id = o.site_id
         JOIN assets a ON a.id = o.asset_id
         JOIN maintenance_requirements r ON r.id = o.requirement_id
        WHERE o.tenant_id IN (SELECT ut.tenant_id FROM user_tenants ut WHERE ut.user_id = $1)
          AND o.released_at IS NOT NULL AND o.completed_at IS NULL AND o.status <> 'cancelled'
          AND (o.technician_id = $1 OR o.technician_id IS NULL)
          AND o.target_date < (($2::timestamptz AT TIME ZONE s.timezone)::date + $3::int)
        ORDER BY o.target_date, o.id
        LIMIT ${FEED_LIMIT}`,
      [user.id, now, CALENDAR_FEED_DAYS],
    )) as FeedRow[];
    const de = user.language !== 'en';
    const calendar = ical({
      name: de ? `Leitstand – Wartung (${user.display_name})` : `Leitstand – maintenance (${user.display_name})`,
      prodId: { company: 'Leitstand', product: 'Wartungskalender', language: de ? 'DE' : 'EN' },
      ttl: 60 * 60,
    });
    for (const r of rows) {
      const address = [r.street, [r.postal_code, r.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
      calendar.createEvent({
        id: occurrenceUid(r.id),
        start: DateTime.fromISO(r.target_date, { zone: 'UTC' }),
        allDay: true,
        stamp: r.updated_at,
        summary: `${r.title} – ${r.asset_code} ${r.asset_name}`,
        location: address ? `${r.site_name}, ${address}` : r.site_name,
        description: de
          ? `Spätestens am ${r.legal_latest} (gesetzliche/vertragliche Frist). Status: ${r.status}.`
          : `Deadline ${r.legal_latest} (legal/contractual). Status: ${r.status}.`,
        url: `${this.config.http.publicUiUrl}/technician/occurrences/${r.id}`,
      });
    }
    return calendar.toString();
  }
}
