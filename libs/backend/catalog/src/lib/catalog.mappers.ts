import type { ContractView, GermanState, PriceListView, SiteView, TenantView } from '@leitstand/api-contracts';
import type { ContractEntity, PriceListEntity, SiteEntity, TenantEntity } from '@leitstand/backend/data-access';

/** Entities → API views (instants as ISO strings, money as the numeric's decimal string). */

const iso = (d: Date): string => d.toISOString();

export function toTenantView(t: TenantEntity): TenantView {
  return { id: t.id, slug: t.slug, name: t.name, createdAt: iso(t.createdAt), version: t.version };
}

export function toSiteView(s: SiteEntity): SiteView {
  return {
    id: s.id,
    tenantId: s.tenantId,
    name: s.name,
    street: s.street,
    postalCode: s.postalCode,
    city: s.city,
    state: s.state as GermanState,
    timezone: s.timezone,
    areaM2: s.areaM2,
    distanceKm: s.distanceKm,
    travelZone: s.travelZone,
    createdAt: iso(s.createdAt),
    version: s.version,
  };
}

export function toPriceListView(p: PriceListEntity): PriceListView {
  return {
    id: p.id,
    key: p.key,
    name: p.name,
    validFrom: p.validFrom,
    data: p.data,
    createdAt: iso(p.createdAt),
    version: p.version,
  };
}

export function toContractView(c: ContractEntity, siteIds: readonly string[]): ContractView {
  return {
    id: c.id,
    tenantId: c.tenantId,
    name: c.name,
    type: c.type,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    siteIds: [...siteIds].sort(),
    calendars: c.calendars as ContractView['calendars'],
    slaMatrix: c.slaMatrix as unknown as ContractView['slaMatrix'],
    availabilityTargets: c.availabilityTargets,
    availabilityBasis: c.availabilityBasis,
    bonusMalus: c.bonusMalus as ContractView['bonusMalus'],
    priceListId: c.priceListId,
    annualVolume: c.annualVolume,
    indexation: c.indexation as ContractView['indexation'],
    capexThreshold: c.capexThreshold,
    scope: c.scope as ContractView['scope'],
    quietWarningsCalendar: c.quietWarningsCalendar,
    economics: c.economics,
    createdAt: iso(c.createdAt),
    version: c.version,
  };
}
