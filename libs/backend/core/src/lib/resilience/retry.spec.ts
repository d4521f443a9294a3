import { backoffDelay, DependencyUnreachableError, retryUntilReachable } from './retry';

describe('retryUntilReachable', () => {
  it('retries with capped exponential backoff and logs one line per failure naming the host', async () => {
    const lines: string[] = [];
    const sleeps: number[] = [];
    let calls = 0;
    const result = await retryUntilReachable(
      'PostgreSQL',
      '127.0.0.1:5999',
      async () => {
        calls++;
        if (calls < 4) {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999\n    at stack'), { code: 'ECONNREFUSED' });
        }
        return 'connected';
      },
      { warn: (m) => lines.push(`warn ${m}`), info: (m) => lines.push(`info ${m}`) },
      { initialDelayMs: 100, maxDelayMs: 300, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(result).toBe('connected');
    expect(sleeps).toEqual([100, 200, 300]);
    expect(lines[0]).toBe(
      'warn PostgreSQL at 127.0.0.1:5999 is unreachable (ECONNREFUSED); retrying in 0.1 s (attempt 1)',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('info PostgreSQL at 127.0.0.1:5999 is reachable again (after 4 attempts)');
    expect(lines.join('\n')).not.toContain('at stack');
  });

  it('gives up after maxAttempts with a typed error', async () => {
    await expect(
      retryUntilReachable(
        'Redis',
        'localhost:1',
        () => Promise.reject(new Error('nope')),
        { warn: () => undefined, info: () => undefined },
        {
          maxAttempts: 2,
          sleep: async () => undefined,
        },
      ),
    ).rejects.toBeInstanceOf(DependencyUnreachableError);
  });

  it('computes the backoff', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, 500, 10_000))).toEqual([500, 1000, 2000, 4000, 8000, 10_000]);
  });
});
