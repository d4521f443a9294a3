import { Dec } from '../money/decimal';
import { ID_PATTERN, IssueCollector, LOCAL_DATE_PATTERN, joinPath } from '../money/data-issues';
import type { JsonObject } from '../money/data-issues';
import { roundCents, toDecimalString, toMoneyString } from '../money/money';
import { MINUTES_PER_DAY, WEEKDAY_ABBR_EN, formatLocalTime, parseLocalTime } from './local-time';
import { PriceListInvalidError } from './price-list.errors';
import type { PriceList, Weekday } from './price-list.types';
import { WEEKDAYS } from './price-list.types';
import { checkTiers } from './tiers';
import type { TierBounds } from './tiers';

const ZERO = new Dec(0);
const HUNDRED = new Dec(100);
const CENT = new Dec('0.01');
const NON_NEGATIVE = { min: ZERO, expect: 'must not be negative' } as const;
const PERCENT_0_100 = { min: ZERO, max: HUNDRED, expect: 'must be a percentage between 0 and 100' } as const;

interface WindowRef {
  readonly day: number;
  readonly from: number;
  readonly to: number;
  readonly path: string;
  readonly bandId: string;
}

/** The fields of a price-list document, in the order a reader expects them (the CSV sheet writes them so). */
export const PRICE_LIST_ROOT_KEYS = [
  'schemaVersion',
  'id',
  'name',
  'provider',
  'source',
  'currency',
  'validFrom',
  'notes',
  'vatPercent',
  'roles',
  'regularHours',
  'timeBands',
  'emergency',
  'travel',
  'fees',
  'material',
  'partnerWork',
  'passThroughCosts',
  'discounts',
  'catalog',
] as const;

/**
 * Validates a price-list JSON document and returns it typed and frozen. Throws `PriceListInvalidError`
 * listing EVERY problem with its JSON path (and a fix where one is obvious): missing or unknown fields,
 * amounts written as JSON numbers, negative rates, times outside 00:00–24:00, windows that end before
 * they start, weekly time bands with gaps or overlaps, tiers with gaps or overlaps (e.g. the raw seed
 * 004 overhead table that skips 20.01–21.00 €), unknown role references, duplicate ids, catalog gross
 * prices that do not match net × VAT.
 */
export function parsePriceList(json: unknown): PriceList {
  const c = new IssueCollector();
  const root = c.object(json, '');
  if (root === undefined) {
    throw new PriceListInvalidError(c.issues);
  }
  c.noUnknownKeys(root, '', PRICE_LIST_ROOT_KEYS);
  if (root['schemaVersion'] !== 1) {
    c.add('schemaVersion', `expected 1, got ${JSON.stringify(root['schemaVersion']) ?? 'nothing'}`);
  }
  c.string(root['id'], 'id', { pattern: ID_PATTERN, expect: 'a kebab-case id' });
  c.string(root['name'], 'name');
  c.optionalString(root['provider'], 'provider');
  c.optionalString(root['source'], 'source');
  c.oneOf(root['currency'], 'currency', ['EUR'] as const);
  c.string(root['validFrom'], 'validFrom', { pattern: LOCAL_DATE_PATTERN, expect: 'a date YYYY-MM-DD' });
  if (root['notes'] !== undefined) {
    c.array(root['notes'], 'notes')?.forEach((n, i) => c.string(n, joinPath('notes', i)));
  }
  const vat = c.decimal(root['vatPercent'], 'vatPercent', PERCENT_0_100);

  const roleIds = readRoles(c, root['roles']);
  readWindows(c, root['regularHours'], 'regularHours');
  readTimeBands(c, root['timeBands']);
  readEmergency(c, root['emergency']);
  readTravel(c, root['travel']);
  readFees(c, root['fees']);
  readMaterial(c, root['material']);
  readMarkup(c, root['partnerWork'], 'partnerWork');
  readMarkup(c, root['passThroughCosts'], 'passThroughCosts');
  readDiscounts(c, root['discounts']);
  readCatalog(c, root['catalog'], roleIds, vat);

  if (c.issues.length > 0) {
    throw new PriceListInvalidError(c.issues);
  }
  return deepFreeze(structuredClone(root)) as unknown as PriceList;
}

function readRoles(c: IssueCollector, value: unknown): ReadonlySet<string> {
  const ids = new Set<string>();
  const roles = c.array(value, 'roles', { nonEmpty: true });
  const refs: { id: string; path: string }[] = [];
  roles?.forEach((raw, i) => {
    const path = joinPath('roles', i);
    const r = c.object(raw, path);
    if (r === undefined) {
      return;
    }
    c.noUnknownKeys(r, path, ['id', 'label', 'category', 'hourlyRate', 'incrementMinutes']);
    const id = c.string(r['id'], joinPath(path, 'id'), { pattern: ID_PATTERN, expect: 'a kebab-case id' });
    if (id !== undefined) {
      ids.add(id);
      refs.push({ id, path: joinPath(path, 'id') });
    }
    c.string(r['label'], joinPath(path, 'label'));
    c.optionalString(r['category'], joinPath(path, 'category'));
    c.decimal(r['hourlyRate'], joinPath(path, 'hourlyRate'), {
      min: ZERO,
      expect: 'an hourly rate must not be negative',
    });
    c.integer(r['incrementMinutes'], joinPath(path, 'incrementMinutes'), { min: 1, max: 1440 });
  });
  c.uniqueIds(refs, 'role');
  return ids;
}

function readWindow(c: IssueCollector, raw: unknown, path: string, bandId: string, out: WindowRef[]): void {
  const w = c.object(raw, path);
  if (w === undefined) {
    return;
  }
  c.noUnknownKeys(w, path, ['days', 'from', 'to']);
  const days = c.array(w['days'], joinPath(path, 'days'), { nonEmpty: true });
  const dayIdx: number[] = [];
  days?.forEach((d, i) => {
    const day = c.oneOf<Weekday>(d, joinPath(joinPath(path, 'days'), i), WEEKDAYS);
    if (day !== undefined) {
      dayIdx.push(WEEKDAYS.indexOf(day));
    }
  });
  const from = readTime(c, w['from'], joinPath(path, 'from'));
  const to = readTime(c, w['to'], joinPath(path, 'to'));
  if (from === undefined || to === undefined) {
    return;
  }
  if (from === MINUTES_PER_DAY) {
    c.add(joinPath(path, 'from'), `a window cannot start at 24:00 (outside 00:00–24:00)`);
    return;
  }
  if (to <= from) {
    c.add(
      joinPath(path, 'to'),
      `window ${formatLocalTime(from)}–${formatLocalTime(to)} ends before it starts`,
      to === 0 || to < from
        ? `a window that crosses midnight must be split: ${formatLocalTime(from)}–24:00 and 00:00–${formatLocalTime(to)} on the following day`
        : undefined,
    );
    return;
  }
  for (const day of dayIdx) {
    out.push({ day, from, to, path, bandId });
  }
}

function readTime(c: IssueCollector, value: unknown, path: string): number | undefined {
  if (typeof value !== 'string') {
    c.add(path, `expected a local time "HH:MM", got ${JSON.stringify(value) ?? 'nothing'}`);
    return undefined;
  }
  const minutes = parseLocalTime(value);
  if (minutes === undefined) {
    c.add(path, `'${value}' is outside 00:00–24:00 (expected a local time "HH:MM" between 00:00 and 24:00)`);
  }
  return minutes;
}

function readWindows(c: IssueCollector, value: unknown, path: string, bandId = ''): WindowRef[] {
  const out: WindowRef[] = [];
  c.array(value, path)?.forEach((raw, i) => readWindow(c, raw, joinPath(path, i), bandId, out));
  return out;
}

function readTimeBands(c: IssueCollector, value: unknown): void {
  const bands = c.array(value, 'timeBands', { nonEmpty: true });
  if (bands === undefined) {
    return;
  }
  const all: WindowRef[] = [];
  const refs: { id: string; path: string }[] = [];
  let holidayBands = 0;
  bands.forEach((raw, i) => {
    const path = joinPath('timeBands', i);
    const b = c.object(raw, path);
    if (b === undefined) {
      return;
    }
    c.noUnknownKeys(b, path, ['id', 'label', 'surchargePercent', 'windows', 'publicHolidays']);
    const id = c.string(b['id'], joinPath(path, 'id'), { pattern: ID_PATTERN, expect: 'a kebab-case id' }) ?? `#${i}`;
    refs.push({ id, path: joinPath(path, 'id') });
    c.string(b['label'], joinPath(path, 'label'));
    c.decimal(b['surchargePercent'], joinPath(path, 'surchargePercent'), NON_NEGATIVE);
    all.push(...readWindows(c, b['windows'], joinPath(path, 'windows'), id));
    if (
      b['publicHolidays'] !== undefined &&
      c.boolean(b['publicHolidays'], joinPath(path, 'publicHolidays')) === true
    ) {
      holidayBands += 1;
      if (holidayBands > 1) {
        c.add(joinPath(path, 'publicHolidays'), 'only one time band can hold the public holidays');
      }
    }
  });
  c.uniqueIds(refs, 'time band');
  checkWeeklyCoverage(c, all);
}

/** Every minute of every weekday must belong to exactly one band. Gaps and overlaps are merged across days. */
function checkWeeklyCoverage(c: IssueCollector, windows: readonly WindowRef[]): void {
  const gaps = new Map<string, { days: number[]; from: number; to: number }>();
  const overlaps = new Map<
    string,
    { days: number[]; from: number; to: number; path: string; bandId: string; other: WindowRef }
  >();
  for (let day = 0; day < 7; day += 1) {
    const list = windows.filter((w) => w.day === day).sort((a, b) => a.from - b.from || a.to - b.to);
    let cursor = 0;
    let previous: WindowRef | undefined;
    for (const w of list) {
      if (w.from > cursor) {
        const key = `${cursor}-${w.from}`;
        const g = gaps.get(key) ?? { days: [], from: cursor, to: w.from };
        g.days.push(day);
        gaps.set(key, g);
      } else if (w.from < cursor && previous !== undefined) {
        const to = Math.min(cursor, w.to);
        const key = `${w.path}|${previous.path}|${w.from}-${to}`;
        const o = overlaps.get(key) ?? { days: [], from: w.from, to, path: w.path, bandId: w.bandId, other: previous };
        o.days.push(day);
        overlaps.set(key, o);
      }
      if (w.to > cursor) {
        cursor = w.to;
        previous = w;
      }
    }
    if (cursor < MINUTES_PER_DAY) {
      const key = `${cursor}-${MINUTES_PER_DAY}`;
      const g = gaps.get(key) ?? { days: [], from: cursor, to: MINUTES_PER_DAY };
      g.days.push(day);
      gaps.set(key, g);
    }
  }
  const dayList = (days: readonly number[]): string => days.map((d) => WEEKDAY_ABBR_EN[d] ?? '?').join(', ');
  for (const g of gaps.values()) {
    const range = `${formatLocalTime(g.from)}–${formatLocalTime(g.to)}`;
    c.add(
      'timeBands',
      `gap: ${dayList(g.days)} ${range} is not covered by any time band`,
      `add a window { "days": [${g.days.map((d) => `"${WEEKDAYS[d] ?? ''}"`).join(', ')}], "from": "${formatLocalTime(g.from)}", "to": "${formatLocalTime(g.to)}" } to the band that applies then`,
    );
  }
  for (const o of overlaps.values()) {
    const range = `${formatLocalTime(o.from)}–${formatLocalTime(o.to)}`;
    c.add(
      o.path,
      `overlap: ${dayList(o.days)} ${range} is covered by band '${o.bandId}' and by ${o.other.path} (band '${o.other.bandId}')`,
      `shorten one of the two windows so that they only touch at ${formatLocalTime(o.from)} or ${formatLocalTime(o.to)}`,
    );
  }
}

function readEmergency(c: IssueCollector, value: unknown): void {
  if (value === undefined) {
    return;
  }
  const e = c.object(value, 'emergency');
  if (e === undefined) {
    return;
  }
  c.noUnknownKeys(e, 'emergency', ['label', 'surchargePercent', 'combine']);
  c.string(e['label'], 'emergency.label');
  c.decimal(e['surchargePercent'], 'emergency.surchargePercent', NON_NEGATIVE);
  c.oneOf(e['combine'], 'emergency.combine', ['max', 'add'] as const);
}

const CHARGE_BASES = ['order', 'day', 'worker-day'] as const;

function readTravel(c: IssueCollector, value: unknown): void {
  const t = c.object(value, 'travel');
  if (t === undefined) {
    return;
  }
  c.noUnknownKeys(t, 'travel', ['countsAsWorkTime', 'distance', 'zones', 'time']);
  c.boolean(t['countsAsWorkTime'], 'travel.countsAsWorkTime');
  if (t['distance'] !== undefined) {
    const d = c.object(t['distance'], 'travel.distance');
    if (d !== undefined) {
      c.noUnknownKeys(d, 'travel.distance', ['label', 'chargedPer', 'resolutionKm', 'bands']);
      c.string(d['label'], 'travel.distance.label');
      c.oneOf(d['chargedPer'], 'travel.distance.chargedPer', CHARGE_BASES);
      const resolution = c.decimal(d['resolutionKm'], 'travel.distance.resolutionKm', {
        min: new Dec('0.001'),
        expect: 'must be positive',
      });
      const tiers: TierBounds[] = [];
      let complete = true;
      c.array(d['bands'], 'travel.distance.bands', { nonEmpty: true })?.forEach((raw, i) => {
        const path = joinPath('travel.distance.bands', i);
        const b = c.object(raw, path);
        if (b === undefined) {
          complete = false;
          return;
        }
        c.noUnknownKeys(b, path, ['fromKm', 'toKm', 'amount']);
        const from = c.decimal(b['fromKm'], joinPath(path, 'fromKm'), NON_NEGATIVE);
        const to = b['toKm'] === null ? null : c.decimal(b['toKm'], joinPath(path, 'toKm'), NON_NEGATIVE);
        c.decimal(b['amount'], joinPath(path, 'amount'), NON_NEGATIVE);
        if (from === undefined || to === undefined) {
          complete = false;
          return;
        }
        tiers.push({ from, to });
      });
      if (complete && resolution !== undefined) {
        checkTiers(c, tiers, {
          basePath: 'travel.distance.bands',
          fromField: 'fromKm',
          toField: 'toKm',
          resolution,
          format: (v) => toDecimalString(v),
          unit: 'km',
          literal: (v) => `"${toDecimalString(v)}"`,
          requireOpenEnd: false,
        });
      }
    }
  }
  if (t['zones'] !== undefined) {
    const z = c.object(t['zones'], 'travel.zones');
    if (z !== undefined) {
      c.noUnknownKeys(z, 'travel.zones', ['label', 'chargedPer', 'zones']);
      c.string(z['label'], 'travel.zones.label');
      c.oneOf(z['chargedPer'], 'travel.zones.chargedPer', CHARGE_BASES);
      const refs: { id: string; path: string }[] = [];
      c.array(z['zones'], 'travel.zones.zones', { nonEmpty: true })?.forEach((raw, i) => {
        const path = joinPath('travel.zones.zones', i);
        const zone = c.object(raw, path);
        if (zone === undefined) {
          return;
        }
        c.noUnknownKeys(zone, path, ['id', 'label', 'amount']);
        const id = c.string(zone['id'], joinPath(path, 'id'));
        if (id !== undefined) {
          refs.push({ id, path: joinPath(path, 'id') });
        }
        c.string(zone['label'], joinPath(path, 'label'));
        c.decimal(zone['amount'], joinPath(path, 'amount'), NON_NEGATIVE);
      });
      c.uniqueIds(refs, 'zone');
    }
  }
  if (t['time'] !== undefined) {
    const tm = c.object(t['time'], 'travel.time');
    if (tm !== undefined) {
      c.noUnknownKeys(tm, 'travel.time', ['label', 'amountPerPeriod', 'periodMinutes']);
      c.string(tm['label'], 'travel.time.label');
      c.decimal(tm['amountPerPeriod'], 'travel.time.amountPerPeriod', NON_NEGATIVE);
      c.integer(tm['periodMinutes'], 'travel.time.periodMinutes', { min: 1, max: 1440 });
    }
  }
}

function readFlatFee(c: IssueCollector, f: JsonObject, path: string, extra: readonly string[]): void {
  c.noUnknownKeys(f, path, ['label', 'amount', ...extra]);
  c.string(f['label'], joinPath(path, 'label'));
  c.decimal(f['amount'], joinPath(path, 'amount'), NON_NEGATIVE);
}

function readFees(c: IssueCollector, value: unknown): void {
  const f = c.object(value, 'fees');
  if (f === undefined) {
    return;
  }
  c.noUnknownKeys(f, 'fees', ['orderFlat', 'smallMaterialFlat', 'quote']);
  if (f['orderFlat'] !== undefined) {
    const o = c.object(f['orderFlat'], 'fees.orderFlat');
    if (o !== undefined) {
      readFlatFee(c, o, 'fees.orderFlat', ['waiver']);
      if (o['waiver'] !== undefined) {
        const w = c.object(o['waiver'], 'fees.orderFlat.waiver');
        if (w !== undefined) {
          c.noUnknownKeys(w, 'fees.orderFlat.waiver', ['label', 'underMaintenanceContract', 'windows']);
          c.string(w['label'], 'fees.orderFlat.waiver.label');
          c.boolean(w['underMaintenanceContract'], 'fees.orderFlat.waiver.underMaintenanceContract');
          readWindows(c, w['windows'], 'fees.orderFlat.waiver.windows');
        }
      }
    }
  }
  if (f['smallMaterialFlat'] !== undefined) {
    const s = c.object(f['smallMaterialFlat'], 'fees.smallMaterialFlat');
    if (s !== undefined) {
      readFlatFee(c, s, 'fees.smallMaterialFlat', []);
    }
  }
  if (f['quote'] !== undefined) {
    const q = c.object(f['quote'], 'fees.quote');
    if (q !== undefined) {
      readFlatFee(c, q, 'fees.quote', ['creditWithinWeeks']);
      c.integer(q['creditWithinWeeks'], 'fees.quote.creditWithinWeeks', { min: 0 });
    }
  }
}

function readMaterial(c: IssueCollector, value: unknown): void {
  const m = c.object(value, 'material');
  if (m === undefined) {
    return;
  }
  c.noUnknownKeys(m, 'material', ['label', 'overheadTiers']);
  c.string(m['label'], 'material.label');
  const tiers: TierBounds[] = [];
  let complete = true;
  c.array(m['overheadTiers'], 'material.overheadTiers')?.forEach((raw, i) => {
    const path = joinPath('material.overheadTiers', i);
    const t = c.object(raw, path);
    if (t === undefined) {
      complete = false;
      return;
    }
    c.noUnknownKeys(t, path, ['fromPrice', 'toPrice', 'overheadPercent']);
    const from = c.decimal(t['fromPrice'], joinPath(path, 'fromPrice'), NON_NEGATIVE);
    const to = t['toPrice'] === null ? null : c.decimal(t['toPrice'], joinPath(path, 'toPrice'), NON_NEGATIVE);
    c.decimal(t['overheadPercent'], joinPath(path, 'overheadPercent'), NON_NEGATIVE);
    for (const [field, v] of [
      ['fromPrice', from],
      ['toPrice', to],
    ] as const) {
      if (v !== undefined && v !== null && !v.mod(CENT).isZero()) {
        c.add(joinPath(path, field), `${v.toString()} is not a whole-cent price`);
      }
    }
    if (from === undefined || to === undefined) {
      complete = false;
      return;
    }
    tiers.push({ from, to });
  });
  if (complete && tiers.length > 0) {
    checkTiers(c, tiers, {
      basePath: 'material.overheadTiers',
      fromField: 'fromPrice',
      toField: 'toPrice',
      resolution: CENT,
      format: (v) => toMoneyString(v),
      unit: '€',
      literal: (v) => `"${toMoneyString(v)}"`,
      requireOpenEnd: true,
    });
  }
}

function readMarkup(c: IssueCollector, value: unknown, path: string): void {
  if (value === undefined) {
    return;
  }
  const m = c.object(value, path);
  if (m === undefined) {
    return;
  }
  c.noUnknownKeys(m, path, ['label', 'markupPercent']);
  c.string(m['label'], joinPath(path, 'label'));
  c.decimal(m['markupPercent'], joinPath(path, 'markupPercent'), NON_NEGATIVE);
}

function readDiscounts(c: IssueCollector, value: unknown): void {
  const refs: { id: string; path: string }[] = [];
  c.array(value, 'discounts')?.forEach((raw, i) => {
    const path = joinPath('discounts', i);
    const d = c.object(raw, path);
    if (d === undefined) {
      return;
    }
    c.noUnknownKeys(d, path, ['id', 'label', 'percent']);
    const id = c.string(d['id'], joinPath(path, 'id'), { pattern: ID_PATTERN, expect: 'a kebab-case id' });
    if (id !== undefined) {
      refs.push({ id, path: joinPath(path, 'id') });
    }
    c.string(d['label'], joinPath(path, 'label'));
    c.decimal(d['percent'], joinPath(path, 'percent'), PERCENT_0_100);
  });
  c.uniqueIds(refs, 'discount');
}

function readCatalog(c: IssueCollector, value: unknown, roleIds: ReadonlySet<string>, vat: Dec | undefined): void {
  const refs: { id: string; path: string }[] = [];
  c.array(value, 'catalog')?.forEach((raw, i) => {
    const path = joinPath('catalog', i);
    const item = c.object(raw, path);
    if (item === undefined) {
      return;
    }
    c.noUnknownKeys(item, path, ['code', 'label', 'net', 'gross', 'fallbackRoleId']);
    const code = c.string(item['code'], joinPath(path, 'code'));
    if (code !== undefined) {
      refs.push({ id: code, path: joinPath(path, 'code') });
    }
    c.string(item['label'], joinPath(path, 'label'));
    const net = c.decimal(item['net'], joinPath(path, 'net'), NON_NEGATIVE);
    if (item['gross'] !== undefined) {
      const gross = c.decimal(item['gross'], joinPath(path, 'gross'), NON_NEGATIVE);
      if (gross !== undefined && net !== undefined && vat !== undefined) {
        const expected = roundCents(net.times(vat.div(HUNDRED).plus(1)));
        if (!expected.eq(gross)) {
          c.add(
            joinPath(path, 'gross'),
            `gross ${toMoneyString(gross)} does not match net ${toMoneyString(net)} + ${toDecimalString(vat)} % VAT = ${toMoneyString(expected)}`,
            `set it to "${toMoneyString(expected)}" or correct the net price`,
          );
        }
      }
    }
    if (item['fallbackRoleId'] !== undefined) {
      const role = c.string(item['fallbackRoleId'], joinPath(path, 'fallbackRoleId'));
      if (role !== undefined && !roleIds.has(role)) {
        c.add(
          joinPath(path, 'fallbackRoleId'),
          `unknown role '${role}' (known roles: ${[...roleIds].join(', ')})`,
          'use the id of a role defined under roles, or add that role',
        );
      }
    }
  });
  c.uniqueIds(refs, 'catalog item code');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) {
      deepFreeze(v);
    }
    Object.freeze(value);
  }
  return value;
}
