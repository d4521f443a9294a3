import {
  BusinessCalendar,
  CalendarSpecError,
  SlaInputError,
  buildSlaMatrix,
  type CalendarSpec,
  type SlaMatrix,
  type SlaMatrixSpec,
} from '@leitstand/domain';
import type { EntityManager } from 'typeorm';
import { ContractEntity } from './entities/contract.entity';
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
 * The contract that covers `siteId` on the site's local date `localDate` ('YYYY-MM-DD'; its term
 * includes that day; the newest start wins when terms overlap), or null when there is none.
 */
export async function findContractForSite(
  manager: EntityManager,
  siteId: string,
  localDate: string,
): Promise<ContractEntity | null> {
  return manager
    .getRepository(ContractEntity)
    .createQueryBuilder('c')
    .innerJoin('contract_sites', 'cs', 'cs.contract_id = c.id AND cs.site_id = :siteId', { siteId })
    .where('c.starts_on <= :day::date', { day: localDate })
    .andWhere('(c.ends_on IS NULL OR c.ends_on >= :day::date)', { day: localDate })
    .orderBy('c.starts_on', 'DESC')
    .addOrderBy('c.id', 'ASC')
    .getOne();
}
