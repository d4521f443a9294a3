import Holidays from 'date-holidays';

/**
 * Public holidays ("gesetzliche Feiertage") of a region, as local dates 'YYYY-MM-DD'.
 *
 * Regions are ISO-3166 style: 'DE' (nationwide holidays only), 'DE-BY', 'DE-SN', … Every German
 * state is covered by the maintained `date-holidays` data set, including the per-state days
 * (Corpus Christi, Reformation Day, Repentance Day, Women's Day in BE/MV, World Children's Day in TH …).
 * Only holidays of type 'public' count; observances, school and bank holidays do not close a calendar.
 *
 * What the data set says (checked in public-holidays.spec.ts, date-holidays 3.37):
 *  - Corpus Christi (2026-06-04) is public in BW, BY, HE, NW, RP, SL — not in BE, SN, …
 *  - Reformation Day (31.10) is public in BB, HB, HH, MV, NI, SH, SN, ST, TH.
 *  - Repentance Day (2026-11-18) is public in SN only (in BY it is only a school holiday).
 *  - Women's Day (8.3) is public in BE and MV; World Children's Day (20.9) in TH.
 *  - Assumption (15.8) is public in SL, but for 'DE-BY' only an *observance*: in Bavaria it is a
 *    holiday only in predominantly Catholic communities. Use the sub-region 'DE-BY-KATH' for those
 *    (Assumption public) or 'DE-BY-A' for Augsburg (Assumption + Peace Festival 8.8); plain 'DE-BY'
 *    keeps 15.8 open. Sub-regions are the data set's third code level ('DE-SN-BZ', …).
 *
 * Sets are cached per (region, year) in a small LRU map, so memory stays bounded when a calendar is
 * used across decades.
 */
const MAX_CACHED_YEARS = 256;
const yearCache = new Map<string, ReadonlySet<string>>();
const resolverCache = new Map<string, Holidays>();

export class UnknownHolidayRegionError extends Error {
  override readonly name = 'UnknownHolidayRegionError';
  constructor(readonly region: string) {
    super(`holidayRegion: unknown holiday region '${region}' (expected e.g. 'DE', 'DE-BY', 'DE-SN')`);
  }
}

const catalogue = new Holidays();

function resolver(region: string): Holidays {
  const cached = resolverCache.get(region);
  if (cached) {
    return cached;
  }
  const [country, state, subRegion, ...rest] = region.split('-');
  const code = /^[A-Z0-9]{1,6}$/;
  if (
    country === undefined ||
    !/^[A-Z]{2}$/.test(country) ||
    rest.length > 0 ||
    (state !== undefined && !code.test(state)) ||
    (subRegion !== undefined && !code.test(subRegion))
  ) {
    throw new UnknownHolidayRegionError(region);
  }
  // date-holidays' init() accepts unknown codes silently (and returns an empty or country-wide set),
  // so every part is checked against the catalogue first.
  const has = (table: Record<string, string> | undefined, key: string): boolean =>
    table !== undefined && Object.prototype.hasOwnProperty.call(table, key);
  if (!has(catalogue.getCountries(), country)) {
    throw new UnknownHolidayRegionError(region);
  }
  if (state !== undefined && !has(catalogue.getStates(country), state)) {
    throw new UnknownHolidayRegionError(region);
  }
  if (state !== undefined && subRegion !== undefined && !has(catalogue.getRegions(country, state), subRegion)) {
    throw new UnknownHolidayRegionError(region);
  }
  const hd = new Holidays();
  if (state === undefined) {
    hd.init(country);
  } else if (subRegion === undefined) {
    hd.init(country, state);
  } else {
    hd.init(country, state, subRegion);
  }
  resolverCache.set(region, hd);
  return hd;
}

/** Throws UnknownHolidayRegionError when the region is not known to the holiday data set. */
export function assertHolidayRegion(region: string): void {
  resolver(region);
}

/** The public holidays of `region` in `year` as local dates 'YYYY-MM-DD'. */
export function publicHolidays(region: string, year: number): ReadonlySet<string> {
  const key = `${region}|${year}`;
  const hit = yearCache.get(key);
  if (hit) {
    // refresh the LRU position
    yearCache.delete(key);
    yearCache.set(key, hit);
    return hit;
  }
  const days = new Set<string>();
  for (const h of resolver(region).getHolidays(year)) {
    if (h.type === 'public') {
      days.add(h.date.slice(0, 10));
    }
  }
  yearCache.set(key, days);
  if (yearCache.size > MAX_CACHED_YEARS) {
    const oldest = yearCache.keys().next().value;
    if (oldest !== undefined) {
      yearCache.delete(oldest);
    }
  }
  return days;
}

/** True when the local date 'YYYY-MM-DD' is a public holiday in `region`. */
export function isPublicHoliday(region: string, localDate: string): boolean {
  return publicHolidays(region, Number(localDate.slice(0, 4))).has(localDate);
}
