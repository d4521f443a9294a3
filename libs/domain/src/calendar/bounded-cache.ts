/**
 * A bounded cache with approximate-LRU eviction ("two generations"): hits in the old generation are
 * promoted to the young one; when the young generation is full, the old one is dropped whole and the
 * young one becomes old. At most `2 × generationSize` entries are ever held, a lookup is one or two
 * Map reads, and eviction costs O(1) amortised — cheaper than a strict LRU's delete+set on every hit,
 * which matters on the hot path of the business calendar.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly generationSize: number) {
    if (!Number.isInteger(generationSize) || generationSize < 1) {
      throw new RangeError(`generationSize must be a positive integer, got ${generationSize}`);
    }
  }

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) {
      return hit;
    }
    const stale = this.old.get(key);
    if (stale !== undefined) {
      this.old.delete(key);
      this.set(key, stale);
    }
    return stale;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map<K, V>();
    }
    this.young.set(key, value);
  }

  /** Entries currently held (≤ 2 × generationSize). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** Upper bound of `size`. */
  get capacity(): number {
    return 2 * this.generationSize;
  }
}
