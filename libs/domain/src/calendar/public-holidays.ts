import Holidays from 'date-holidays';

/**
 * Public holidays ("gesetzliche Feiertage") of a region, as local dates 'YYYY-MM-DD'.
 *
 * Regions are ISO-3166 style: 'DE' (nationwide holidays only), 'DE-BY', 'DE-SN', … Every German
 * state is covered by the maintained `date-holidays` data set, including the per-state days
 * (Corpus Christi, Reformation Day, Repentance Day, Women's Day in BE/MV, World Children's Day in TH …).
 * Only holidays of type 'public' count; observances and bank holidays do not close a calendar.
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

function resolver(region: string): Holidays {
  const cached = resolverCache.get(region);
  if (cached) return cached;
  const [country, state] = region.split('-');
  if (!country || !/^[A-Z]{2}$/.test(country) || (state !== undefined && !/^[A-Z0-9]{1,3}$/.test(state))) {
    throw new UnknownHolidayRegionError(region);
  }
  const hd = new Holidays();
  const ok = state ? hd.init(country, state) : hd.init(country);
  if (!ok) throw new UnknownHolidayRegionError(region);
  if (state && !Object.prototype.hasOwnProperty.call(hd.getStates(country) ?? {}, state)) {
    throw new UnknownHolidayRegionError(region);
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
    // refresh LRU position
    yearCache.delete(key);
    yearCache.set(key, hit);
    return hit;
  }
  const days = new Set<string>();
  for (const h of resolver(region).getHolidays(year)) {
    if (h.type === 'public') days.add(h.date.slice(0, 10));
  }
  yearCache.set(key, days);
  if (yearCache.size > MAX_CACHED_YEARS) {
    const oldest = yearCache.keys().next().value;
    if (oldest !== undefined) yearCache.delete(oldest);
  }
  return days;
}

/** True when the local date 'YYYY-MM-DD' is a public holiday in `region`. */
export function isPublicHoliday(region: string, localDate: string): boolean {
  return publicHolidays(region, Number(localDate.slice(0, 4))).has(localDate);
}
