import { JOB_NAMES } from './jobs.constants';

export class JobRegistryError extends Error {
  override readonly name = 'JobRegistryError';
}

/**
 * The worker refuses to boot unless every declared job name has exactly one handler and no handler
 * claims an undeclared name (immich's check). Returns nothing; throws listing every problem.
 */
export function assertEveryJobHasOneHandler(handlers: Array<{ job: string; handler: string }>): void {
  const problems: string[] = [];
  for (const job of JOB_NAMES) {
    const owners = handlers.filter((h) => h.job === job).map((h) => h.handler);
    if (owners.length === 0) problems.push(`job '${job}' has no handler`);
    if (owners.length > 1) problems.push(`job '${job}' has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  for (const h of handlers) {
    if (!(JOB_NAMES as string[]).includes(h.job)) problems.push(`${h.handler} handles undeclared job '${h.job}'`);
  }
  if (problems.length > 0) throw new JobRegistryError(`job registry is inconsistent: ${problems.join('; ')}`);
}
