import 'reflect-metadata';
import type { DiscoveryService } from '@nestjs/core';
import { JOB_HANDLER_METADATA, JOB_NAMES, JobRegistryError } from '@leitstand/backend/jobs';
import { JobRuntime } from './job-runtime';
import { JOB_HANDLERS } from './worker.module';

type Handler = (typeof JOB_HANDLERS)[number];

/** A JobRuntime whose discovery sees exactly `handlers` (other dependencies are unused by registration). */
function runtimeSeeing(handlers: Handler[]): JobRuntime {
  const discovery = {
    getProviders: () => handlers.map((metatype) => ({ metatype, instance: {} })),
  } as unknown as DiscoveryService;
  const unused = {} as never;
  return new JobRuntime(discovery, unused, unused, unused, unused, unused);
}

describe('worker job registry', () => {
  it('registers exactly one handler for every declared job', () => {
    const jobs = JOB_HANDLERS.map((h) => Reflect.getMetadata(JOB_HANDLER_METADATA, h) as string).sort();
    expect(jobs).toEqual([...JOB_NAMES].sort());
    expect(() => runtimeSeeing(JOB_HANDLERS).registerHandlers()).not.toThrow();
  });

  it('refuses to boot when a declared job has no handler', () => {
    expect(() => runtimeSeeing(JOB_HANDLERS.slice(1)).registerHandlers()).toThrow(JobRegistryError);
  });

  it('refuses to boot when a job has two handlers', () => {
    const first = JOB_HANDLERS[0] as Handler;
    expect(() => runtimeSeeing([...JOB_HANDLERS, first]).registerHandlers()).toThrow(/has 2 handlers/);
  });
});
