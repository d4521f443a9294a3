/**
 * Group commit: work that arrives while a batch is being written waits and is written with the next
 * batch, so N concurrent callers share one round trip and one commit instead of N. Idle, an item is
 * written at once (a batch of one, started on the next turn of the event loop), so there is no added
 * delay at low load; under load the batch grows by itself up to `maxBatch`.
 *
 * `write` receives the items of one batch and returns one result per item, in order. When a batch
 * fails and holds more than one item, each item is retried alone, so one bad item (a constraint it
 * violates, say) fails only its own caller and the others still land; `isolate: false` skips that and
 * fails the whole batch (for writers whose callers retry anyway).
 */
export interface GroupCommitOptions<T, R> {
  /** Writes one batch; one result per item, in the order of `items`. */
  write: (items: readonly T[]) => Promise<readonly R[]>;
  /** Largest batch (default 100). */
  maxBatch?: number;
  /** Retry the items of a failed batch one by one (default true). */
  isolate?: boolean;
  /** Told the size of every batch before it is written (for a metric). */
  onBatch?: (size: number) => void;
  /**
   * Batches written at the same time (default 1: one after the other). More suits writers whose
   * batches may run side by side (own transactions, locks taken in a fixed order) when one batch's
   * round trips, not the database, bound the throughput.
   */
  parallel?: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommitQueue<T, R> {
  private pending: Array<Pending<T, R>> = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly maxBatch: number;
  private readonly isolate: boolean;
  private readonly parallel: number;

  constructor(private readonly options: GroupCommitOptions<T, R>) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 100);
    this.isolate = options.isolate ?? true;
    this.parallel = Math.max(1, options.parallel ?? 1);
  }

  /** Queues `item` for the next batch; resolves with its result once its batch has committed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Starts the next batch on the next turn of the event loop, when one may start. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.parallel || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.pending.length > 0 && this.inFlight < this.parallel) {
        const batch = this.pending.splice(0, this.maxBatch);
        this.inFlight += 1;
        void this.writeBatch(batch).finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
      }
    });
  }

  private async writeBatch(batch: Array<Pending<T, R>>): Promise<void> {
    this.options.onBatch?.(batch.length);
    try {
      const results = await this.options.write(batch.map((p) => p.item));
      if (results.length !== batch.length) {
        throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      }
      batch.forEach((p, i) => p.resolve(results[i] as R));
    } catch (error) {
      if (batch.length === 1 || !this.isolate) {
        for (const p of batch) p.reject(error);
        return;
      }
      for (const p of batch) await this.writeBatch([p]);
    }
  }
}
