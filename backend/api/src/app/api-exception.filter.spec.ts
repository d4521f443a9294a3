import { BadRequestException, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '@leitstand/backend/core';
import { ApiExceptionFilter } from './api-exception.filter';

/** A fake HTTP adapter that records what the filter answers. */
function harness(request: { method?: string; url?: string; id?: string } = {}, indexHtml: string | null = null) {
  const replies: Array<{ body: unknown; status: number; headers: Record<string, string> }> = [];
  const headers: Record<string, string> = {};
  const adapterHost = {
    httpAdapter: {
      reply: (_res: unknown, body: unknown, status: number) => replies.push({ body, status, headers: { ...headers } }),
      setHeader: (_res: unknown, name: string, value: string) => {
        headers[name] = value;
      },
    },
  } as unknown as HttpAdapterHost;
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ method: 'POST', url: '/api/tickets', id: 'req-1', ...request }),
      getResponse: () => ({}),
    }),
  } as unknown as ArgumentsHost;
  const filter = new ApiExceptionFilter(adapterHost, indexHtml);
  return { replies, catch: (e: unknown) => filter.catch(e, host) };
}

describe('ApiExceptionFilter', () => {
  it.each(
    [
      [InvalidInputError.of('priorityReason', 'required'), 400],
      [new ForbiddenError('technicians cannot report tickets'), 403],
      [new NotFoundError('ticket', 'x'), 404],
      [new ConflictError('cannot accept a closed ticket', { currentStatus: 'closed' }), 409],
      [new PreconditionFailedError(3, 4), 412],
      [new UnprocessableError('Idempotency-Key reused with another body'), 422],
    ].map(([e, s]) => [(e as Error).name, s as number, e as Error] as const),
  )('maps %s to %i with the ApiError shape', (_name, status, error) => {
    const h = harness();
    h.catch(error);
    expect(h.replies[0]?.status).toBe(status);
    expect(h.replies[0]?.body).toMatchObject({
      statusCode: status,
      message: (error as Error).message,
      requestId: 'req-1',
    });
  });

  it('names the fields of invalid input and carries conflict and precondition details', () => {
    const h = harness();
    h.catch(InvalidInputError.of('priorityReason', 'required'));
    h.catch(new ConflictError('no', { currentStatus: 'closed' }));
    h.catch(new PreconditionFailedError(3, 4));
    expect(h.replies[0]?.body).toMatchObject({ fields: [{ field: 'priorityReason', messages: ['required'] }] });
    expect(h.replies[1]?.body).toMatchObject({ details: { currentStatus: 'closed' } });
    expect(h.replies[2]?.body).toMatchObject({ details: { currentVersion: 4 } });
  });

  it('never leaks the message of an unexpected error', () => {
    const h = harness();
    h.catch(new Error('connection string postgres://secret@db'));
    expect(h.replies[0]).toMatchObject({ status: 500, body: { statusCode: 500, message: 'Internal server error' } });
  });

  it("keeps the HTTP layer's own 4xx (e.g. malformed JSON) and Nest's exceptions", () => {
    const h = harness();
    h.catch(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }));
    h.catch(new BadRequestException('bad'));
    expect(h.replies.map((r) => r.status)).toEqual([400, 400]);
  });

  it('answers the UI for an unknown non-API GET when it serves the UI, JSON 404 for API paths', () => {
    const ui = harness({ method: 'GET', url: '/tickets/42' }, '<html>app</html>');
    ui.catch(new NotFoundException());
    expect(ui.replies[0]).toMatchObject({
      status: 200,
      body: '<html>app</html>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    const api = harness({ method: 'GET', url: '/api/nope' }, '<html>app</html>');
    api.catch(new NotFoundException());
    expect(api.replies[0]).toMatchObject({ status: 404, body: { statusCode: 404 } });
  });
});
