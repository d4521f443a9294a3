import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Worker, type Job } from 'bullmq';
import { QueueRegistry } from '@leitstand/backend/jobs';
import { createTestEnv, sleep, waitFor, type TestEnv } from '@leitstand/backend/testing';

/**
 * The KPI recompute job on real Redis: one pending recompute per contract (changes while it waits add
 * nothing), and a change while it RUNS queues exactly one more run after it — a change made during a
 * recompute is never lost (BullMQ deduplication with keepLastIfActive).
 */
describe('kpi.recompute-contract in BullMQ', () => {
  let env: TestEnv;
  let connection: Redis;
  let workerConnection: Redis;
  let queues: QueueRegistry;
  let worker: Worker;
  const runs: string[] = [];
  let gate: { open: () => void; opened: Promise<void> } | null = null;
  let running = 0;

  beforeAll(async () => {
    env = await createTestEnv('kpi_queue');
    connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    workerConnection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    queues = new QueueRegistry(connection, env.queuePrefix);
    worker = new Worker(
      'kpi',
      async (job: Job<{ contractId: string }>) => {
        running += 1;
        try {
          if (gate) await gate.opened;
          runs.push(job.data.contractId);
        } finally {
          running -= 1;
        }
      },
      { connection: workerConnection, prefix: env.queuePrefix, concurrency: 4 },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await queues?.close();
    connection?.disconnect();
    workerConnection?.disconnect();
    await env?.cleanup();
  });

  function holdNextRun(): () => void {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    gate = { open, opened };
    return () => {
      gate = null;
      open();
    };
  }

  const runsOf = (contractId: string): number => runs.filter((c) => c === contractId).length;

  it('adds nothing while a recompute waits', async () => {
    const contractId = randomUUID();
    for (let i = 0; i < 5; i++) await queues.add('kpi.recompute-contract', { contractId }, { delayMs: 300 });
    await waitFor(async () => (runsOf(contractId) >= 1 ? true : null), 'the recompute');
    await sleep(800);
    expect(runsOf(contractId)).toBe(1);
  });

  it('runs once more after the active recompute when changes arrive while it runs', async () => {
    const contractId = randomUUID();
    const release = holdNextRun();
    await queues.add('kpi.recompute-contract', { contractId });
    await waitFor(async () => (running === 1 ? true : null), 'the recompute to be running');
    // Three changes while it runs: one more recompute is kept, not three.
    for (let i = 0; i < 3; i++) await queues.add('kpi.recompute-contract', { contractId });
    expect(runsOf(contractId)).toBe(0);
    release();
    await waitFor(async () => (runsOf(contractId) >= 2 ? true : null), 'the follow-up recompute');
    await sleep(800);
    expect(runsOf(contractId)).toBe(2);
  });
});
