import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ApiError, ApiFieldError } from '@leitstand/api-contracts';
import { STATUS_CODES } from 'node:http';
import {
  AppError,
  ConflictError,
  InvalidInputError,
  PreconditionFailedError,
  TooManyRequestsError,
} from '@leitstand/backend/core';

/** index.html names the hashed bundles of the current build: revalidate it on every load. */
export const INDEX_CACHE_CONTROL = 'no-cache';
/** Thrown by the validation pipe: a 400 that names every invalid field. */
export class RequestValidationException extends HttpException {
  constructor(readonly fields: ApiFieldError[]) {
    super(`Invalid request: ${fields.map((f) => f.field).join(', ')}`, HttpStatus.BAD_REQUEST);
  }
}

/** An HTTP error other than 400 that names the fields it is about (e.g. 413 / 415 naming `file`). */
export class FieldHttpException extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly fields: ApiFieldError[],
  ) {
    super(message, status);
  }
}

/**
 * Every error leaves as the same JSON shape (ApiError). Client errors (4xx) are answered without a
 * stack trace in the logs; only unexpected errors (5xx) are logged as errors with their stack.
 * With `spaIndexHtml` set, a GET for an unknown non-API path answers the UI's index.html (client routing).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly spaIndexHtml: string | null = null,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{
      id?: string;
      method?: string;
      url?: string;
      headers?: Record<string, string | undefined>;
    }>();
    const response = http.getResponse<unknown>();
    const adapter = this.adapterHost.httpAdapter;

    const status = statusOf(exception);
    if (
      status === HttpStatus.NOT_FOUND &&
      this.spaIndexHtml &&
      request.method === 'GET' &&
      isClientRoute(request.url ?? '')
    ) {
      adapter.setHeader(response, 'content-type', 'text/html; charset=utf-8');
      adapter.setHeader(response, 'cache-control', INDEX_CACHE_CONTROL);
      adapter.reply(response, this.spaIndexHtml, HttpStatus.OK);
      return;
    }

    const body: ApiError = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message: messageOf(exception, status),
      ...(request.id ? { requestId: String(request.id) } : {}),
      ...(exception instanceof RequestValidationException ||
      exception instanceof InvalidInputError ||
      exception instanceof FieldHttpException
        ? { fields: exception.fields }
        : {}),
      ...(exception instanceof ConflictError && Object.keys(exception.details).length > 0
        ? { details: exception.details }
        : {}),
      ...(exception instanceof PreconditionFailedError ? { details: { currentVersion: exception.current } } : {}),
    };
    if (status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    }
    if (exception instanceof TooManyRequestsError) {
      adapter.setHeader(response, 'retry-after', String(exception.retryAfterSeconds));
    }
    adapter.reply(response, body, status);
  }
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/metrics');
}

/**
 * A path the UI's router answers (/tickets/42, /admin/sites): not the API, and not a file. A missing file
 * (an old build's chunk-XXXXXXXX.js after a deploy) must be a 404: index.html in its place is a script
 * that fails to parse, and the client could not tell that it should reload.
 */
function isClientRoute(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  return !isApiPath(path) && !/\.[A-Za-z0-9]{1,8}$/.test(path);
}

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  if (exception instanceof AppError) return exception.status;
  // Errors raised by the HTTP layer itself (malformed JSON, body too large) carry their own 4xx status.
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return statusCode;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

function messageOf(exception: unknown, status: number): string {
  if (status >= 500) return 'Internal server error';
  if (exception instanceof AppError) return exception.message;
  if (exception instanceof HttpException) {
    const r = exception.getResponse();
    if (typeof r === 'string') return r;
    const m = (r as { message?: unknown }).message;
    if (Array.isArray(m)) return m.join('; ');
    if (typeof m === 'string') return m;
    return exception.message;
  }
  return (exception as { message?: string }).message ?? 'Bad request';
}
