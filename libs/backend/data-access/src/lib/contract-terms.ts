import {
  BusinessCalendar,
  CalendarSpecError,
  SlaInputError,
  buildSlaMatrix,
  type CalendarSpec,
  type SlaMatrix,
  type SlaMatrixSpec,
} from '@leitstand/domain';
import type { ContractEntity } from './entities/contract.entity';
import type { SiteEntity } from './entities/site.entity';

/**
 * A contract's stored terms turned into domain objects for one site: its service calendars (with
 * the site's zone and the public holidays of the site's state unless a calendar names its own
 * region) and its SLA matrix. Throws CalendarSpecError / SlaInputError naming the bad field.
 */
export interface ContractTerms {
  contract: ContractEntity;
  calendars: Record<string, BusinessCalendar>;
  slaMatrix: SlaMatrix;
}

/** The calendars of a contract as they apply at `site`. */
export function calendarsForSite(
  contract: Pick<ContractEntity, 'calendars'>,
  site: Pick<SiteEntity, 'state' | 'timezone'>,
): Record<string, BusinessCalendar> {
  const calendars: Record<string, BusinessCalendar> = {};
  for (const [key, raw] of Object.entries(contract.calendars ?? {})) {
    const spec = raw as Partial<CalendarSpec>;
    try {
      calendars[key] = BusinessCalendar.fromSpec({
        ...(spec as CalendarSpec),
        timezone: spec.timezone ?? site.timezone,
        ...(spec.holidayRegion === undefined ? { holidayRegion: site.state } : {}),
      });
    } catch (error) {
      if (error instanceof CalendarSpecError) {
        throw new CalendarSpecError(`calendars.${key}.${error.field}`, error.reason);
      }
      throw error;
    }
  }
  return calendars;
}

export function contractTermsForSite(
  contract: ContractEntity,
  site: Pick<SiteEntity, 'state' | 'timezone'>,
): ContractTerms {
  const calendars = calendarsForSite(contract, site);
  try {
    return {
      contract,
      calendars,
      slaMatrix: buildSlaMatrix(contract.slaMatrix as unknown as SlaMatrixSpec, calendars),
    };
  } catch (error) {
    if (error instanceof SlaInputError) {
      throw new SlaInputError(`slaMatrix.${error.field.replace(/^matrix\./, '')}`, error.reason);
    }
    throw error;
  }
}

/**
 * The contract that covers a site on the site's local date (its term includes that day; the newest
 * start wins when terms overlap), as a subquery for a LATERAL join returning its id and version:
 * `siteIdSql` and `localDateSql` are SQL expressions, e.g. `s.id` and
 * `($3::timestamptz AT TIME ZONE s.timezone)::date`.
 */
export function contractForSiteSql(siteIdSql: string, localDateSql: string): string {
  return `SELECT c.id, c.version FROM contracts c
      JOIN contract_sites cs ON cs.contract_id = c.id AND cs.site_id = ${siteIdSql}
     WHERE c.starts_on <= ${localDateSql} AND (c.ends_on IS NULL OR c.ends_on >= ${localDateSql})
     ORDER BY c.starts_on DESC, c.id ASC
     LIMIT 1`;
}
