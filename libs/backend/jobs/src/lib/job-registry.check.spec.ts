import { assertEveryJobHasOneHandler, JobRegistryError } from './job-registry.check';
import { JOB_NAMES, assertValidJobId, JOB_DEFINITIONS } from './jobs.constants';

describe('assertEveryJobHasOneHandler', () => {
  const complete = JOB_NAMES.map((job) => ({ job, handler: `${job}-handler` }));

  it('accepts exactly one handler per declared job', () => {
    expect(() => assertEveryJobHasOneHandler(complete)).not.toThrow();
  });

  it('refuses a declared job without a handler', () => {
    expect(() => assertEveryJobHasOneHandler(complete.slice(1))).toThrow(
      new JobRegistryError(`job registry is inconsistent: job '${JOB_NAMES[0]}' has no handler`),
    );
  });

  it('refuses a job with two handlers', () => {
    expect(() =>
      assertEveryJobHasOneHandler([...complete, { job: JOB_NAMES[0] as string, handler: 'Second' }]),
    ).toThrow(/has 2 handlers/);
  });

  it('refuses a handler of an undeclared job', () => {
    expect(() => assertEveryJobHasOneHandler([...complete, { job: 'nope', handler: 'Stray' }])).toThrow(
      /Stray handles undeclared job 'nope'/,
    );
  });
});

describe('job ids', () => {
  it('are deterministic and legal for BullMQ', () => {
    const id = JOB_DEFINITIONS['ticket.created'].jobId({ ticketIds: ['0b5d', '77e1'] });
    expect(id).toMatch(/^ticket-created\.0b5d\.[0-9a-f]{16}$/);
    expect(JOB_DEFINITIONS['ticket.created'].jobId({ ticketIds: ['0b5d', '77e1'] })).toBe(id);
    // a merge that starts with the same ticket but holds others is another job
    expect(JOB_DEFINITIONS['ticket.created'].jobId({ ticketIds: ['0b5d', '77e1', '9a00'] })).not.toBe(id);
    expect(() => assertValidJobId(id)).not.toThrow();
    expect(() => assertValidJobId('a:b')).toThrow();
    expect(() => assertValidJobId('123')).toThrow();
  });
});
