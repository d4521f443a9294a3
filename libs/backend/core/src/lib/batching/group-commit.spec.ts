import { GroupCommitQueue } from './group-commit';

/** A writer that records its batches and can be held open to let the next batch fill up. */
function recordingWriter(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const held: Array<() => void> = [];
  let hold = false;
  const write = async (items: readonly number[]): Promise<string[]> => {
    batches.push([...items]);
    if (hold) {
      hold = false;
      await new Promise<void>((resolve) => held.push(resolve));
    }
    if (items.some(fail)) throw new Error(`bad item in ${items.join(',')}`);
    return items.map((i) => `#${i}`);
  };
  return {
    batches,
    write,
    holdNext: () => (hold = true),
    /** Lets every held batch finish. */
    release: () => held.splice(0).forEach((go) => go()),
  };
}

describe('GroupCommitQueue', () => {
  it('writes a lone item at once, as a batch of one', async () => {
    const w = recordingWriter();
    const queue = new GroupCommitQueue({ write: w.write });
    await expect(queue.submit(7)).resolves.toBe('#7');
    expect(w.batches).toEqual([[7]]);
  });

  it('collects what arrives while a batch is written into the next batch, results in order', async () => {
    const w = recordingWriter();
    const sizes: number[] = [];
    const queue = new GroupCommitQueue({ write: w.write, onBatch: (n) => sizes.push(n) });
    w.holdNext();
    const first = queue.submit(1);
    await new Promise((r) => setImmediate(r)); // batch [1] is now being written (and held)
    const rest = [2, 3, 4, 5].map((i) => queue.submit(i));
    w.release();
    expect(await first).toBe('#1');
    expect(await Promise.all(rest)).toEqual(['#2', '#3', '#4', '#5']);
    expect(w.batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(sizes).toEqual([1, 4]);
  });

  it('writes up to `parallel` batches at the same time, the next one once a batch is done', async () => {
    const w = recordingWriter();
    const queue = new GroupCommitQueue({ write: w.write, parallel: 2 });
    w.holdNext();
    const first = queue.submit(1);
    await new Promise((r) => setImmediate(r)); // batch [1] is being written (and held)
    const second = queue.submit(2);
    await new Promise((r) => setImmediate(r));
    expect(w.batches).toEqual([[1], [2]]); // [2] did not wait for [1]
    expect(await second).toBe('#2');
    w.holdNext();
    const third = queue.submit(3);
    await new Promise((r) => setImmediate(r)); // [3] held: two batches in flight
    const rest = [4, 5].map((i) => queue.submit(i));
    await new Promise((r) => setImmediate(r));
    expect(w.batches).toEqual([[1], [2], [3]]); // [4, 5] wait for a free slot
    w.release();
    expect(await third).toBe('#3');
    expect(await first).toBe('#1');
    expect(await Promise.all(rest)).toEqual(['#4', '#5']);
    expect(w.batches).toEqual([[1], [2], [3], [4, 5]]);
  });

  it('never writes more than maxBatch items at once', async () => {
    const w = recordingWriter();
    const sizes: number[] = [];
    const queue = new GroupCommitQueue({ write: w.write, maxBatch: 3, onBatch: (n) => sizes.push(n) });
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => queue.submit(i)));
    expect(results).toHaveLength(7);
    expect(w.batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const w = recordingWriter((i) => i === 2);
    const queue = new GroupCommitQueue({ write: w.write });
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => queue.submit(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(w.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('fails the whole batch without isolation', async () => {
    const w = recordingWriter((i) => i === 2);
    const queue = new GroupCommitQueue({ write: w.write, isolate: false });
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => queue.submit(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(w.batches).toEqual([[1, 2, 3]]);
  });

  it('rejects every item when the writer answers with the wrong number of results', async () => {
    const queue = new GroupCommitQueue<number, string>({ write: async () => ['only one'], isolate: false });
    const outcomes = await Promise.allSettled([1, 2].map((i) => queue.submit(i)));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
  });

  it('keeps working after a failed batch', async () => {
    const w = recordingWriter((i) => i < 0);
    const queue = new GroupCommitQueue({ write: w.write });
    await expect(queue.submit(-1)).rejects.toThrow('bad item');
    await expect(queue.submit(9)).resolves.toBe('#9');
  });
});
