import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  JOB_DEFINITIONS,
  QUEUE_NAMES,
  jobIdFor,
  jobOptionsFor,
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

  /**
   * Adds a job with its deterministic id (adding an id that exists is a no-op in BullMQ) or, for
   * keep-last jobs, its deduplication id; returns that id.
   */
  async add<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    overrides: { delayMs?: number } = {},
  ): Promise<string> {
    await this.queue(JOB_DEFINITIONS[name].queue).add(name, payload, jobOptionsFor(name, payload, overrides.delayMs));
    return jobIdFor(name, payload);
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
