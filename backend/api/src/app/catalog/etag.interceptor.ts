import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { etagOf } from '@leitstand/backend/catalog';

/** Answers carrying a single entity (with `version`) get `ETag: "<version>"` for the next If-Match. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const response = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    return next.handle().pipe(
      map((body) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') response.header('ETag', etagOf(version));
        return body;
      }),
    );
  }
}
