import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  Metrics,
  ROOT_LOGGER,
  createRedisConnection,
  retryLoggerFrom,
  type AppConfig,
} from '@leitstand/backend/core';
import {
  JOB_HANDLER_METADATA,
  OutboxRelay,
  QUEUE_CONCURRENCY,
  QUEUE_NAMES,
  QueueRegistry,
  assertEveryJobHasOneHandler,
  isJobName,
  type HandlesJob,
  type JobName,
} from '@leitstand/backend/jobs';

/**
 * Hosts the BullMQ workers and the outbox relay of this process.
 * At bootstrap it finds every @JobHandler provider and refuses to start unless each declared job has
 * exactly one handler. One BullMQ Worker per queue dispatches by job name. On SIGTERM it stops taking
 * jobs, lets the active ones finish, and stops the relay.
 */
@Injectable()
export class JobRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = new Map<JobName, HandlesJob<JobName>>();
  private readonly workers: Worker[] = [];
  private relay: OutboxRelay | null = null;

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: PinoLogger,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  /** Runs before any worker starts: a wrong registry stops the boot. */
  registerHandlers(): void {
    const found: Array<{ job: string; handler: string; instance: unknown }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance) continue;
      const job = Reflect.getMetadata(JOB_HANDLER_METADATA, metatype) as string | undefined;
      if (job) found.push({ job, handler: metatype.name, instance });
    }
    assertEveryJobHasOneHandler(found);
    for (const f of found) {
      if (isJobName(f.job)) this.handlers.set(f.job, f.instance as HandlesJob<JobName>);
    }
  }

  onApplicationBootstrap(): void {
    this.registerHandlers();
    for (const queueName of QUEUE_NAMES) {
      const connection = createRedisConnection(
        this.config.redis.url,
        'worker',
        retryLoggerFrom(this.logger, 'redis'),
        `worker-${queueName}`,
      );
      const worker = new Worker(queueName, (job) => this.process(job), {
        connection,
        prefix: this.config.queue.prefix,
        concurrency: QUEUE_CONCURRENCY[queueName] ?? this.config.worker.concurrency,
        autorun: true,
      });
      worker.on('failed', (job, error) => {
        this.logger.warn(
          { job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message },
          'job failed',
        );
      });
      worker.on('error', () => undefined); // connection errors are logged once by the connection itself
      this.workers.push(worker);
    }
    this.relay = new OutboxRelay(this.dataSource, this.queues, this.logger.child({ component: 'outbox' }), {
      pollMs: this.config.outbox.pollMs,
      batchSize: this.config.outbox.batchSize,
      databaseUrl: this.config.database.url,
      retentionMs: this.config.outbox.retentionHours * 3_600_000,
    });
    this.metrics.onScrape(async () => {
      const lag = await this.relay?.lag();
      if (lag) {
        this.metrics.outboxPending.set(lag.pending);
        this.metrics.outboxLag.set(lag.oldestAgeSeconds);
      }
    });
    this.relay.start();
    this.logger.info({ queues: QUEUE_NAMES, jobs: [...this.handlers.keys()] }, 'worker started');
  }

  private async process(job: Job): Promise<void> {
    const name = job.name;
    if (!isJobName(name)) throw new UnrecoverableError(`unknown job '${name}'`);
    const handler = this.handlers.get(name);
    if (!handler) throw new UnrecoverableError(`no handler for '${name}'`);
    const stop = this.metrics.jobDuration.startTimer({ job: name });
    try {
      await handler.handle(job.data as never, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
      this.metrics.jobsProcessed.inc({ job: name, outcome: 'completed' });
    } catch (error) {
      this.metrics.jobsProcessed.inc({ job: name, outcome: 'failed' });
      throw error;
    } finally {
      stop();
    }
  }

  /** Graceful: BullMQ's close() waits for active jobs to finish. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.relay?.stop();
  }
}
