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
