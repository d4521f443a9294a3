import { IANAZone } from 'luxon';
import { isPublicHoliday } from '../calendar/public-holidays';
import { epochDayToIsoDate } from './local-time';

/**
 * Fast wall-clock arithmetic for one site: UTC instant → local day and minute in the site's IANA zone,
 * and "is this local day a public holiday of the site's state".
 *
 * luxon computes zone offsets through Intl (several µs per call), so offsets are memoised per UTC
 * quarter hour: every real-world offset change happens on a UTC quarter-hour boundary (offsets are
 * multiples of 15 minutes and switches happen at full local minutes of such offsets). Both caches are
 * bounded and simply cleared when full.
 */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
const QUARTER_MS = 900_000;
const MAX_CACHE = 200_000;
const MAX_CLOCKS = 64;

const zoneCache = new Map<string, { zone: IANAZone; offsets: Map<number, number> }>();
/** Per holiday region: epoch day → public holiday? */
const holidayCache = new Map<string, Map<number, boolean>>();
/** Per time zone and holiday region: the clock (stateless apart from the shared caches). */
const clockCache = new Map<string, Map<string, SiteClock>>();

export class UnknownTimeZoneError extends Error {
  override readonly name = 'UnknownTimeZoneError';
  constructor(readonly timeZone: string) {
    super(`timeZone: unknown IANA time zone '${timeZone}' (expected e.g. 'Europe/Berlin')`);
  }
}

export class SiteClock {
  private readonly offsets: Map<number, number>;
  private readonly zone: IANAZone;
  private readonly holidays: Map<number, boolean>;

  /** The clock of a site; one instance per (time zone, holiday region), so pricing a report builds none. */
  static of(timeZone: string, holidayRegion: string): SiteClock {
    let byRegion = clockCache.get(timeZone);
    let clock = byRegion?.get(holidayRegion);
    if (clock === undefined) {
      clock = new SiteClock(timeZone, holidayRegion);
      if (byRegion === undefined) {
        byRegion = new Map();
        clockCache.set(timeZone, byRegion);
      }
      if (byRegion.size >= MAX_CLOCKS) {
        byRegion.clear();
      }
      byRegion.set(holidayRegion, clock);
    }
    return clock;
  }

  constructor(
    timeZone: string,
    private readonly holidayRegion: string,
  ) {
    let entry = zoneCache.get(timeZone);
    if (entry === undefined) {
      const zone = IANAZone.create(timeZone);
      if (!zone.isValid) {
        throw new UnknownTimeZoneError(timeZone);
      }
      entry = { zone, offsets: new Map() };
      zoneCache.set(timeZone, entry);
    }
    this.zone = entry.zone;
    this.offsets = entry.offsets;
    let holidays = holidayCache.get(holidayRegion);
    if (holidays === undefined) {
      if (holidayCache.size >= MAX_CLOCKS) {
        holidayCache.clear();
      }
      holidays = new Map();
      holidayCache.set(holidayRegion, holidays);
    }
    this.holidays = holidays;
  }

  /** Offset of local time from UTC in ms at the UTC instant `utcMs`. */
  offsetMs(utcMs: number): number {
    const bucket = Math.floor(utcMs / QUARTER_MS);
    let off = this.offsets.get(bucket);
    if (off === undefined) {
      if (this.offsets.size >= MAX_CACHE) {
        this.offsets.clear();
      }
      off = this.zone.offset(bucket * QUARTER_MS) * MS_PER_MINUTE;
      this.offsets.set(bucket, off);
    }
    return off;
  }

  /**
   * The first UTC instant in (fromMs, toMs) where the offset differs from `offset`, or `toMs` when it
   * stays the same. Only scans quarter-hour boundaries, so it is cheap even on DST days.
   */
  nextOffsetChange(fromMs: number, toMs: number, offset: number): number {
    for (let b = Math.floor(fromMs / QUARTER_MS) + 1; b * QUARTER_MS < toMs; b += 1) {
      if (this.offsetMs(b * QUARTER_MS) !== offset) {
        return b * QUARTER_MS;
      }
    }
    return toMs;
  }

  /** True when the local day (days since 1970-01-01) is a public holiday of the site's state. */
  isHoliday(epochDay: number): boolean {
    let h = this.holidays.get(epochDay);
    if (h === undefined) {
      if (this.holidays.size >= MAX_CACHE) {
        this.holidays.clear();
      }
      h = isPublicHoliday(this.holidayRegion, epochDayToIsoDate(epochDay));
      this.holidays.set(epochDay, h);
    }
    return h;
  }
}
