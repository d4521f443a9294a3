import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './jobs.constants';

export const JOB_HANDLER_METADATA = 'leitstand:job-handler';

/** Marks a provider class as THE handler of one job name. Its `handle(payload)` runs the job. */
export const JobHandler = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, name);

export interface JobContext {
  jobId: string;
  attempt: number;
}

export interface HandlesJob<N extends JobName> {
  handle(payload: JobPayloads[N], context: JobContext): Promise<void>;
}
