import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@leitstand/backend/testing';

/** Shared helpers of the issue-5 benchmarks (figures are printed; nothing here asserts). */

export const DEMO_DATA_DIR = join(WORKSPACE_ROOT, 'libs', 'demo-data', 'data');

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentiles of latencies in milliseconds. */
export function percentiles(samplesMs: readonly number[]): Percentiles {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

export const ms = (n: number): string => `${n.toFixed(2)} ms`;
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** CPU time (user + system, in ms) used so far, per process group: the given pids by label, and every
 * PostgreSQL and Redis server process on this machine by name. Read from /proc (Linux). */
export function cpuTimes(labelled: Readonly<Record<string, number | undefined>>): Map<string, number> {
  const ticksPerMs = clockTicksPerSecond() / 1000;
  const labelOf = new Map<number, string>();
  for (const [label, pid] of Object.entries(labelled)) if (pid !== undefined) labelOf.set(pid, label);
  const totals = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' '); // fields[0] is field 3 (state)
    const label =
      labelOf.get(Number(entry)) ??
      (comm === 'postgres' ? 'postgres' : comm.startsWith('redis-server') ? 'redis' : null);
    if (label === null) continue;
    const ticks = Number(fields[11]) + Number(fields[12]); // utime (14) + stime (15)
    totals.set(label, (totals.get(label) ?? 0) + ticks / ticksPerMs);
  }
  return totals;
}

let clockTicks: number | null = null;
function clockTicksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return clockTicks;
}

/** CPU ms per unit of work between two cpuTimes() readings, per group, plus the total. */
export function cpuPerUnit(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  units: number,
): Array<[string, number]> {
  const rows: Array<[string, number]> = [];
  let total = 0;
  for (const [label, end] of after) {
    const used = Math.max(0, end - (before.get(label) ?? 0));
    total += used;
    rows.push([label, used / units]);
  }
  rows.push(['total', total / units]);
  return rows;
}

/**
 * What a benchmark row did: how many operations did the work its label names (a 2xx answer, a stored
 * row, …) and how many did not (other answers, errors, timeouts). A row prints a figure only when it did
 * its named work and nothing else (see {@link figureOrFailure}).
 */
export interface Outcome {
  done: number;
  failed: number;
}

export const didNamedWork = (o: Outcome): boolean => o.failed === 0 && o.done > 0;

/** The row's figure when it did its named work; otherwise no figure, the failure count instead. */
export function figureOrFailure(o: Outcome, figure: () => string): string {
  return didNamedWork(o)
    ? figure()
    : `NO FIGURE: ${int(o.failed)} answers other than named, errors or timeouts (${int(o.done)} as named)`;
}

/** The status classes autocannon counts, and its errors and timeouts. */
export interface AutocannonCounts {
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  errors: number;
  timeouts: number;
}

/** An autocannon run's outcome: answers of the `expected` status class against everything else. */
export function autocannonOutcome(r: AutocannonCounts, expected: '2xx' | '4xx'): Outcome {
  const all = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
  return { done: r[expected], failed: all - r[expected] + r.errors + r.timeouts };
}

/**
 * Times `request` `n` times in a row: the latency of each answer of `expected` status, and the count of
 * other answers and thrown errors (not timed).
 */
export async function timedRequests(
  n: number,
  request: (i: number) => Promise<Response>,
  expected = 200,
): Promise<{ samples: number[]; outcome: Outcome }> {
  const samples: number[] = [];
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    try {
      const res = await request(i);
      await res.arrayBuffer();
      if (res.status === expected) samples.push(performance.now() - started);
      else failed++;
    } catch {
      failed++;
    }
  }
  return { samples, outcome: { done: samples.length, failed } };
}
