/**
 * Half-open instant intervals [fromMs, toMs) in epoch milliseconds, the raw material of downtime.
 * Every function is pure and returns new arrays; inputs need not be sorted.
 */
export interface MsInterval {
  readonly fromMs: number;
  readonly toMs: number;
}

/** A merged downtime interval and the tickets whose downtime it covers. */
export interface SourcedInterval extends MsInterval {
  readonly sources: readonly string[];
}

/** Clip to [fromMs, toMs); empty results are dropped. */
export function clipInterval<T extends MsInterval>(iv: T, window: MsInterval): T | undefined {
  const fromMs = Math.max(iv.fromMs, window.fromMs);
  const toMs = Math.min(iv.toMs, window.toMs);
  return toMs > fromMs ? { ...iv, fromMs, toMs } : undefined;
}

/**
 * Merge overlapping or touching intervals (sorted by start; [a,b) and [b,c) become [a,c)); each merged
 * interval keeps the sources of the intervals it absorbed, in order of first appearance. Idempotent.
 */
export function mergeIntervals(intervals: readonly SourcedInterval[]): SourcedInterval[] {
  const sorted = intervals.filter((iv) => iv.toMs > iv.fromMs).sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs);
  const out: { fromMs: number; toMs: number; sources: string[] }[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && iv.fromMs <= last.toMs) {
      last.toMs = Math.max(last.toMs, iv.toMs);
      for (const s of iv.sources) {
        if (!last.sources.includes(s)) last.sources.push(s);
      }
    } else {
      out.push({ fromMs: iv.fromMs, toMs: iv.toMs, sources: [...iv.sources] });
    }
  }
  return out;
}

/** `intervals` minus `holes` (both merged first); what remains keeps its sources. */
export function subtractIntervals(
  intervals: readonly SourcedInterval[],
  holes: readonly MsInterval[],
): SourcedInterval[] {
  const merged = mergeIntervals(intervals);
  const cut = mergeIntervals(holes.map((h) => ({ fromMs: h.fromMs, toMs: h.toMs, sources: [] })));
  const out: SourcedInterval[] = [];
  for (const iv of merged) {
    let start = iv.fromMs;
    for (const h of cut) {
      if (h.toMs <= start || h.fromMs >= iv.toMs) continue;
      if (h.fromMs > start) out.push({ fromMs: start, toMs: h.fromMs, sources: iv.sources });
      start = Math.max(start, h.toMs);
      if (start >= iv.toMs) break;
    }
    if (start < iv.toMs) out.push({ fromMs: start, toMs: iv.toMs, sources: iv.sources });
  }
  return out;
}

/** Σ (toMs − fromMs), or Σ of the calendar's open milliseconds when `measure` is given. */
export function totalMs(intervals: readonly MsInterval[], measure?: (fromMs: number, toMs: number) => number): number {
  let sum = 0;
  for (const iv of intervals) {
    sum += measure === undefined ? iv.toMs - iv.fromMs : measure(iv.fromMs, iv.toMs);
  }
  return sum;
}
