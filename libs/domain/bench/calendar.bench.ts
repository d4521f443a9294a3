/**
 * Business calendar benchmark: `npx tsx libs/domain/bench/calendar.bench.ts` (≈ 25 s).
 *
 * - addMinutes / minutesBetween on the seed 002 on-site calendar (Mon–Fri 06:00–22:00) with the
 *   Bavarian public holidays, for SLA-typical spans from 15 minutes to 5 business days (target ≥ 500,000
 *   calls/s on one core), against a straightforward day-by-day luxon implementation written below.
 * - Heap and day-cache size after using one calendar over 50 years of random instants (bounded caches).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DateTime } from 'luxon';
import { Bench } from 'tinybench';

import { BusinessCalendar, isPublicHoliday } from '../src/calendar';
import type { CalendarSpec, Weekday } from '../src/calendar';

const MINUTE = 60_000;
const spec: CalendarSpec = {
  timezone: 'Europe/Berlin',
  week: {
    mon: [['06:00', '22:00']],
    tue: [['06:00', '22:00']],
    wed: [['06:00', '22:00']],
    thu: [['06:00', '22:00']],
    fri: [['06:00', '22:00']],
  },
  holidayRegion: 'DE-BY',
};
const calendar = BusinessCalendar.fromSpec(spec);

// ── the naive reference: walk local days with luxon, build each day's windows, no caching ──────────
const WEEKDAY_KEYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function windowsOf(day: DateTime): Array<[number, number]> {
  const date = day.toISODate() as string;
  if (
    (spec.holidays ?? []).includes(date) ||
    (spec.holidayRegion !== undefined && isPublicHoliday(spec.holidayRegion, date))
  ) {
    return [];
  }
  const windows = spec.week[WEEKDAY_KEYS[day.weekday - 1] as Weekday] ?? [];
  return windows.map(([from, to]) => {
    const [fh, fm] = from.split(':').map(Number) as [number, number];
    const start = day.set({ hour: fh, minute: fm }).toMillis();
    const end =
      to === '24:00'
        ? day.plus({ days: 1 }).toMillis()
        : day.set({ hour: Number(to.slice(0, 2)), minute: Number(to.slice(3)) }).toMillis();
    return [start, end];
  });
}

function naiveAddMinutes(start: Date, minutes: number): Date {
  let t = start.getTime();
  let rest = minutes * MINUTE;
  let day = DateTime.fromMillis(t, { zone: spec.timezone }).startOf('day');
  for (;;) {
    for (const [s, e] of windowsOf(day)) {
      if (e <= t) {
        continue;
      }
      t = Math.max(t, s);
      if (rest <= e - t) {
        return new Date(t + rest);
      }
      rest -= e - t;
      t = e;
    }
    day = day.plus({ days: 1 });
  }
}

function naiveMinutesBetween(from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  let sum = 0;
  for (
    let day = DateTime.fromMillis(a, { zone: spec.timezone }).startOf('day');
    day.toMillis() < b;
    day = day.plus({ days: 1 })
  ) {
    for (const [s, e] of windowsOf(day)) {
      sum += Math.max(0, Math.min(e, b) - Math.max(s, a));
    }
  }
  return sum / MINUTE;
}

// ── inputs: deterministic pseudo-random SLA-typical cases in 2026–2027 ─────────────────────────────
let seed = 0x2026;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const N = 4096;
const from2026 = Date.UTC(2026, 0, 1);
const span2y = Date.UTC(2028, 0, 1) - from2026;
/** 15 min … 5 business days (5 × 960 = 4,800 min), log-uniform so short SLA budgets are as frequent as long ones. */
const slaMinutes = (): number => Math.round(15 * Math.exp(random() * Math.log(4800 / 15)));
const starts = Array.from({ length: N }, () => new Date(from2026 + Math.floor(random() * span2y)));
const budgets = Array.from({ length: N }, slaMinutes);
const shortBudgets = Array.from({ length: N }, () => 15 + Math.floor(random() * 45));
const longBudgets = Array.from({ length: N }, () => 4800);
const ends = starts.map(
  (s, i) => new Date(s.getTime() + Math.round((budgets[i] as number) * MINUTE * (1 + random() * 2))),
);

// sanity: the fast calendar and the naive reference agree on every input
for (let i = 0; i < N; i += 1) {
  const s = starts[i] as Date;
  const fast = calendar.addMinutes(s, budgets[i] as number).getTime();
  const slow = naiveAddMinutes(s, budgets[i] as number).getTime();
  const fastBetween = calendar.minutesBetween(s, ends[i] as Date);
  const slowBetween = naiveMinutesBetween(s, ends[i] as Date);
  if (fast !== slow || fastBetween !== slowBetween) {
    throw new Error(
      `fast and naive disagree at ${s.toISOString()}: ${fast} vs ${slow}, ${fastBetween} vs ${slowBetween}`,
    );
  }
}

// ── timing ──────────────────────────────────────────────────────────────────────────────────────────
const BATCH = 256; // calls per benchmark iteration, so tinybench's per-iteration overhead does not count
let sink = 0;
let cursor = 0;
const batch = (call: (i: number) => number) => (): void => {
  for (let k = 0; k < BATCH; k += 1) {
    cursor = (cursor + 1) & (N - 1);
    sink += call(cursor);
  }
};

async function main(): Promise<void> {
  const bench = new Bench({ time: 1000, warmupTime: 200 });
  bench
    .add(
      'calendar.addMinutes',
      batch((i) => calendar.addMinutes(starts[i] as Date, budgets[i] as number).getTime()),
    )
    .add(
      'naive.addMinutes',
      batch((i) => naiveAddMinutes(starts[i] as Date, budgets[i] as number).getTime()),
    )
    .add(
      'calendar.minutesBetween',
      batch((i) => calendar.minutesBetween(starts[i] as Date, ends[i] as Date)),
    )
    .add(
      'naive.minutesBetween',
      batch((i) => naiveMinutesBetween(starts[i] as Date, ends[i] as Date)),
    )
    .add(
      'calendar.addMinutes 15–60 min',
      batch((i) => calendar.addMinutes(starts[i] as Date, shortBudgets[i] as number).getTime()),
    )
    .add(
      'calendar.addMinutes 5 business days',
      batch((i) => calendar.addMinutes(starts[i] as Date, longBudgets[i] as number).getTime()),
    )
    .add(
      'calendar.isOpen',
      batch((i) => (calendar.isOpen(starts[i] as Date) ? 1 : 0)),
    );
  await bench.run();

  const opsPerSecond = (name: string): number => {
    const task = bench.tasks.find((t) => t.name === name);
    const result = task?.result as { throughput?: { mean: number } } | undefined;
    if (result?.throughput === undefined) {
      throw new Error(`benchmark task ${name} did not finish`);
    }
    return result.throughput.mean * BATCH;
  };
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  const line = (op: string): void => {
    const fast = opsPerSecond(`calendar.${op}`);
    const naive = opsPerSecond(`naive.${op}`);
    const verdict = fast >= 500_000 ? 'target ≥ 500,000 met' : 'BELOW the 500,000 target';
    console.log(
      `calendar.${op}: ${fmt(fast)} ops/s (naive luxon: ${fmt(naive)} ops/s, ×${(fast / naive).toFixed(1)}) — ${verdict}`,
    );
  };
  console.log(
    `spans 15 min … 5 business days, seed 002 on-site calendar, holidayRegion DE-BY, ${N} cases in 2026–2027, node ${process.version}`,
  );
  line('addMinutes');
  line('minutesBetween');
  console.log(
    `calendar.addMinutes by span: 15–60 min ${fmt(opsPerSecond('calendar.addMinutes 15–60 min'))} ops/s, 5 business days ${fmt(opsPerSecond('calendar.addMinutes 5 business days'))} ops/s (cost follows the days crossed, not the minutes)`,
  );
  console.log(`calendar.isOpen: ${fmt(opsPerSecond('calendar.isOpen'))} ops/s`);

  // ── memory over 50 years of random instants ───────────────────────────────────────────────────
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  const heap = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const longLived = BusinessCalendar.fromSpec(spec);
  const before = heap();
  const from2000 = Date.UTC(2000, 0, 1);
  const span50y = Date.UTC(2050, 0, 1) - from2000;
  const CALLS = 30_000;
  let peakDays = 0;
  const touched = new Set<number>();
  for (let k = 0; k < CALLS; k += 1) {
    const s = new Date(from2000 + Math.floor(random() * span50y));
    touched.add(Math.floor(s.getTime() / 86_400_000));
    sink += longLived.addMinutes(s, slaMinutes()).getTime();
    sink += longLived.minutesBetween(s, new Date(s.getTime() + Math.floor(random() * 7 * 1440 * MINUTE)));
    peakDays = Math.max(peakDays, longLived.cachedDays);
  }
  const after = heap();
  console.log(
    `memory: ${fmt(CALLS * 2)} calls over 50 years (2000–2049) on one calendar: heap ${before.toFixed(1)} MB → ${after.toFixed(1)} MB ` +
      `(${after - before >= 0 ? '+' : ''}${(after - before).toFixed(1)} MB after gc); day cache peak ${fmt(peakDays)} days (bound 2,048), ` +
      `${fmt(touched.size)} distinct start days of ${fmt(span50y / 86_400_000)}`,
  );
  if (sink === 42) {
    console.log('');
  }
}

void main();
