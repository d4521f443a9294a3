export * from './lib/jobs.constants';
export * from './lib/queue-registry';
export * from './lib/job-handler.decorator';
export * from './lib/job-registry.check';
export * from './lib/outbox.writer';
export * from './lib/outbox.relay';
export * from './lib/queue.module';
