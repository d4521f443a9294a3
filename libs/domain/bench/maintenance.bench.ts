/**
 * Maintenance planning benchmark: `npx tsx libs/domain/bench/maintenance.bench.ts` (≈ 1 min).
 *
 * Issue 15 asks for 600,000 occurrences (10,000 assets × 5 requirements × 12 months) generated in ≤ 30 s end
 * to end; this measures the pure planning share of it on one core: planOccurrences for 10,000 assets × 5
 * monthly requirements over a 12-month horizon (one of each anchor kind, different start days including
 * month ends, Bavarian public holidays) — 12 occurrences each (± 1 where a weekend or holiday moves a target
 * over the horizon's edge), checked before timing.
 * A second run plans a seed 002 mix (weekly to 4-yearly) to show the cost per plan for sparse cadences.
 * Then computeCompliance over the 600,000 planned occurrences (with seeded completions: on time, late, missed,
 * open, cancelled) for the year and for each month, by trade (issue 15: recompute ≤ 5 s).
 * Wall-clock figures depend on the machine's load; the per-CPU-second figure much less.
 */
import { computeCompliance, onTimeLimit, planOccurrences, workingDayRule } from '../src/maintenance';
import type { ComplianceInput, RequirementSchedule, ScheduleContext } from '../src/maintenance';

const ASSETS = 10_000;
const isWorkingDay = workingDayRule({ holidayRegion: 'DE-BY' });
const horizon = { from: '2027-01-01', to: '2027-12-31' };

// deterministic PRNG (mulberry32), so every run plans the same assets
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(15);
const day = (): string => String(1 + Math.floor(rnd() * 31)).padStart(2, '0');
const clampDay = (ym: string, d: string): string => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${ym}-${String(Math.min(Number(d), last)).padStart(2, '0')}`;
};

interface Job {
  schedule: RequirementSchedule;
  ctx: ScheduleContext;
  expected?: number;
}

function monthlyJobs(): Job[] {
  const jobs: Job[] = [];
  const monthly = { every: 1, unit: 'month' } as const;
  for (let a = 0; a < ASSETS; a++) {
    const d = day();
    jobs.push(
      // fixed grid from a contract start in December 2026 (day 1…31, month ends clamp)
      {
        schedule: {
          cadence: monthly,
          anchor: { kind: 'fixed-grid', start: clampDay('2026-12', d) },
          leadDays: 28,
          statutory: false,
        },
        ctx: { ...horizon, isWorkingDay },
      },
      // the same grid started years earlier (the scan starts near the horizon, not at the anchor)
      {
        schedule: {
          cadence: monthly,
          anchor: { kind: 'fixed-grid', start: clampDay('2019-12', d) },
          leadDays: 28,
          statutory: true,
        },
        ctx: { ...horizon, isWorkingDay },
      },
      // floating after a completion in December 2026
      {
        schedule: {
          cadence: monthly,
          anchor: { kind: 'floating', start: '2026-01-15' },
          leadDays: 28,
          statutory: false,
        },
        ctx: { ...horizon, isWorkingDay, lastCompletion: clampDay('2026-12', d), lastPeriodNo: 11 },
      },
      // a monthly statutory test from its last test (no intermediate)
      {
        schedule: {
          cadence: monthly,
          anchor: { kind: 'statutory', lastTest: clampDay('2026-12', d), intermediate: false },
          leadDays: 28,
          statutory: true,
        },
        ctx: { ...horizon, isWorkingDay },
      },
      // a bi-monthly statutory test with an intermediate test half-way: 6 main + 6 intermediate a year
      {
        schedule: {
          cadence: { every: 2, unit: 'month' },
          anchor: { kind: 'statutory', lastTest: clampDay('2026-12', d), intermediate: true },
          leadDays: 35,
          statutory: true,
        },
        ctx: { ...horizon, isWorkingDay },
      },
    );
  }
  return jobs;
}

function seed002Jobs(): Job[] {
  const cadences: RequirementSchedule[] = [
    {
      cadence: { every: 1, unit: 'week' },
      anchor: { kind: 'fixed-grid', start: '2027-01-04' },
      leadDays: 2,
      statutory: false,
    },
    {
      cadence: { every: 2, unit: 'month' },
      anchor: { kind: 'fixed-grid', start: '2027-01-01' },
      leadDays: 35,
      statutory: false,
    },
    {
      cadence: { every: 6, unit: 'month' },
      anchor: { kind: 'fixed-grid', start: '2027-01-01' },
      leadDays: 63,
      statutory: true,
    },
    {
      cadence: { every: 2, unit: 'year' },
      anchor: { kind: 'statutory', lastTest: '2026-03-10', intermediate: true },
      leadDays: 91,
      statutory: true,
    },
    {
      cadence: { every: 4, unit: 'year' },
      anchor: { kind: 'statutory', lastTest: '2024-05-31', intermediate: false },
      leadDays: 91,
      statutory: true,
    },
  ];
  const jobs: Job[] = [];
  for (let a = 0; a < ASSETS; a++) {
    for (const schedule of cadences) {
      jobs.push({ schedule, ctx: { ...horizon, isWorkingDay } });
    }
  }
  return jobs;
}

function run(label: string, jobs: Job[], check?: (n: number, i: number) => void): void {
  // warm up and check
  let total = 0;
  jobs.forEach((j, i) => {
    const n = planOccurrences(j.schedule, j.ctx).length;
    check?.(n, i);
    total += n;
  });
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let again = 0;
  for (const j of jobs) {
    again += planOccurrences(j.schedule, j.ctx).length;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (again !== total) {
    throw new Error(`${label}: the second run planned ${again} occurrences, the first ${total}`);
  }
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(
    `${label}: ${fmt(jobs.length)} plans → ${fmt(total)} occurrences in ${(ms / 1000).toFixed(2)} s ` +
      `(${fmt((total / ms) * 1000)} occurrences/s wall, ${fmt((total / cpuMs) * 1000)} per CPU-second)`,
  );
}

const monthly = monthlyJobs();
run('10,000 assets × 5 monthly requirements × 12 months', monthly, (n, i) => {
  // 12 a year; a target moved over New Year by a weekend or holiday may leave or enter the horizon
  if (n < 11 || n > 13) {
    throw new Error(`plan ${i} (requirement ${i % 5}) planned ${n} occurrences, expected 12 ± 1`);
  }
});
run('10,000 assets × seed 002 mix (weekly … 4-yearly)', seed002Jobs());

// ── compliance over the 600,000 ──────────────────────────────────────────────────────────────────
const TRADES = ['elevators', 'fire-protection', 'sprinkler', 'hvac-refrigeration', 'electrical'];
const items: ComplianceInput[] = [];
monthly.forEach((j, i) => {
  for (const o of planOccurrences(j.schedule, j.ctx)) {
    const limit = onTimeLimit(o, j.schedule.cadence, 'twenty-percent');
    const r = rnd();
    const completedOn = r < 0.85 ? o.targetDate : r < 0.93 ? o.legalLatest : undefined; // on time, late, open/missed
    items.push({
      occurrenceId: `${i}-${o.periodNo}`,
      trade: TRADES[i % TRADES.length] as string,
      targetDate: o.targetDate,
      onTimeLimit: limit,
      legalLatest: o.legalLatest,
      evidenceAccepted: r < 0.84 || r >= 0.85,
      cancelled: r > 0.995,
      ...(completedOn === undefined ? {} : { completedOn }),
    });
  }
});
{
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const year = computeCompliance(items, { from: '2027-01-01', to: '2027-12-31' }, '2028-02-15');
  const yearMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const yearCpu = process.cpuUsage(cpu);
  const months = Array.from({ length: 12 }, (_, m) => {
    const mm = String(m + 1).padStart(2, '0');
    const last = new Date(Date.UTC(2027, m + 1, 0)).getUTCDate();
    return computeCompliance(items, { from: `2027-${mm}-01`, to: `2027-${mm}-${last}` }, '2028-02-15');
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const used = process.cpuUsage(cpu);
  const monthlyDue = months.reduce((sum, r) => sum + r.total.due, 0);
  if (monthlyDue !== year.total.due) {
    throw new Error(`the months add up to ${monthlyDue} due occurrences, the year has ${year.total.due}`);
  }
  console.log(
    `compliance of ${items.length.toLocaleString('en-US')} occurrences by trade: the year in ` +
      `${(yearMs / 1000).toFixed(2)} s wall (${((yearCpu.user + yearCpu.system) / 1e6).toFixed(2)} CPU-s), ` +
      `year + 12 months in ${(ms / 1000).toFixed(2)} s wall (${((used.user + used.system) / 1e6).toFixed(2)} CPU-s); ` +
      `year ${year.total.percent ?? '–'} % (${year.total.onTime.toLocaleString('en-US')} of ${year.total.due.toLocaleString('en-US')}), ` +
      `${year.total.nonCompliant.length.toLocaleString('en-US')} non-compliant listed`,
  );
}
