import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  JOB_DEFINITIONS,
  QUEUE_NAMES,
  jobIdFor,
  type JobName,
  type JobPayloads,
  type QueueName,
} from './jobs.constants';

/**
 * One BullMQ Queue per queue name, sharing one producer connection. The prefix is a Redis Cluster
 * hash tag ('{leitstand}'), so all keys of all queues hash to one slot and Lua scripts stay legal.
 */
export class QueueRegistry {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    connection: Redis,
    readonly prefix: string,
  ) {
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection, prefix });
      // The connection itself logs one line per outage; without a listener BullMQ prints a stack per retry.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue '${name}'`);
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /** Adds a job with its deterministic id; adding an id that exists is a no-op in BullMQ. */
  async add<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    overrides: { delayMs?: number } = {},
  ): Promise<string> {
    const def = JOB_DEFINITIONS[name];
    const jobId = jobIdFor(name, payload);
    await this.queue(def.queue).add(name, payload, {
      ...def.options,
      jobId,
      ...(overrides.delayMs ? { delay: overrides.delayMs } : {}),
    });
    return jobId;
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
