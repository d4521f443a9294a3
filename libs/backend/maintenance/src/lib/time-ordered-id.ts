import { randomBytes } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids made one after the
 * other sort (almost) in order. The generator gives its occurrences such ids: their primary-key and
 * event indexes then grow at the right edge instead of touching a random leaf per row.
 * Ids made within one millisecond keep their order through a 12-bit counter (rand_a, RFC 9562 §6.2
 * method 1); the remaining 62 bits are random.
 */
export class TimeOrderedIds {
  private lastMs = -1;
  private counter = 0;
  private pool = '';
  private poolAt = 0;

  constructor(private readonly nowMs: () => number = () => Date.now()) {}

  next(): string {
    let ms = this.nowMs();
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      this.counter++;
      if (this.counter > 0xfff) {
        // 4,096 ids in one millisecond: borrow the next millisecond rather than lose the order.
        ms = this.lastMs + 1;
        this.counter = 0;
      }
    } else {
      this.counter = 0;
    }
    this.lastMs = ms;
    const random = this.random16();
    const hex = ms.toString(16).padStart(12, '0');
    const randA = (0x7000 | this.counter).toString(16);
    // The variant's two high bits are 10: the first random nibble becomes 8–b.
    const variant = VARIANT_NIBBLE[parseInt(random[0] ?? '0', 16) & 0x3] ?? '8';
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${randA}-${variant}${random.slice(1, 4)}-${random.slice(4, 16)}`;
  }

  /** 16 random hex digits from a pooled buffer (one randomBytes call per 4,096 ids). */
  private random16(): string {
    if (this.poolAt + 16 > this.pool.length) {
      this.pool = randomBytes(8 * 4096).toString('hex');
      this.poolAt = 0;
    }
    const slice = this.pool.slice(this.poolAt, this.poolAt + 16);
    this.poolAt += 16;
    return slice;
  }
}

const VARIANT_NIBBLE = ['8', '9', 'a', 'b'];
