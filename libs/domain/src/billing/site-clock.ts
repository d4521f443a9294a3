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

const zoneCache = new Map<string, { zone: IANAZone; offsets: Map<number, number> }>();
const holidayCache = new Map<string, boolean>();

export class UnknownTimeZoneError extends Error {
  override readonly name = 'UnknownTimeZoneError';
  constructor(readonly timeZone: string) {
    super(`timeZone: unknown IANA time zone '${timeZone}' (expected e.g. 'Europe/Berlin')`);
  }
}

export class SiteClock {
  private readonly offsets: Map<number, number>;
  private readonly zone: IANAZone;
  private readonly holidayPrefix: string;

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
    this.holidayPrefix = `${holidayRegion}|`;
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
    const key = this.holidayPrefix + String(epochDay);
    let h = holidayCache.get(key);
    if (h === undefined) {
      if (holidayCache.size >= MAX_CACHE) {
        holidayCache.clear();
      }
      h = isPublicHoliday(this.holidayRegion, epochDayToIsoDate(epochDay));
      holidayCache.set(key, h);
    }
    return h;
  }
}
