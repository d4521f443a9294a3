import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process. Each process owns one registry (no global default registry),
 * so tests can build several apps in one jest worker without "metric already registered" errors.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'leitstand_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'leitstand_queue_jobs',
    help: 'Jobs per queue and state (waiting, delayed, active, failed)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly outboxPending = new Gauge({
    name: 'leitstand_outbox_pending',
    help: 'Outbox rows not yet moved to Redis',
    registers: [this.registry],
  });

  readonly outboxLag = new Gauge({
    name: 'leitstand_outbox_lag_seconds',
    help: 'Age of the oldest outbox row not yet moved to Redis (0 when none)',
    registers: [this.registry],
  });

  readonly jobsProcessed = new Counter({
    name: 'leitstand_jobs_processed_total',
    help: 'Jobs handled by this worker by job name and outcome',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'leitstand_job_duration_seconds',
    help: 'Job handling time by job name',
    labelNames: ['job'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly groupCommitBatchSize = new Histogram({
    name: 'leitstand_group_commit_batch_size',
    help: 'Items written per group-committed transaction, by writer (ticket intake, SLA timers, intake confirmations)',
    labelNames: ['writer'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  private readonly collectors: Array<() => Promise<void>> = [];

  constructor(prefixDefault = 'leitstand_') {
    collectDefaultMetrics({ register: this.registry, prefix: prefixDefault });
  }

  /** Registers an async refresh run before each scrape (queue depths, outbox lag). */
  onScrape(collector: () => Promise<void>): void {
    this.collectors.push(collector);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    await Promise.allSettled(this.collectors.map((c) => c()));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
