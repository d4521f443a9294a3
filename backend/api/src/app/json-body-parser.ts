import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RequestValidationException } from './api-exception.filter';
import { MAX_JSON_DEPTH, isJsonObject, poisonedField, tooDeepJson } from './request-input';

type Fastify = ReturnType<ReturnType<NestFastifyApplication['getHttpAdapter']>['getInstance']>;

/**
 * The API reads request bodies as JSON objects only. Every other content type — HTML forms
 * (`application/x-www-form-urlencoded`, `multipart/form-data`) and `text/plain` in particular, the
 * bodies a foreign page can make a browser send without a CORS preflight (login CSRF) — is answered
 * 415 before any handler runs. A JSON body is checked for its nesting depth on the raw text before
 * it is parsed (400 naming the body, or the top-level field whose value is too deep) and must be an
 * object (400 naming the body for `null`, arrays, strings, numbers and booleans). Fastify's own JSON
 * parser (prototype-poisoning protection, empty-body and malformed-JSON errors) parses the rest.
 */
export function acceptJsonObjectBodiesOnly(fastify: Fastify): void {
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parse = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const tooDeep = tooDeepJson(text);
    if (tooDeep !== null) {
      done(
        new RequestValidationException([
          { field: tooDeep, messages: [`${tooDeep} must not nest deeper than ${MAX_JSON_DEPTH} levels`] },
        ]),
        undefined,
      );
      return;
    }
    void parse(request, text, (error: Error | null, value?: unknown) => {
      if (error) done(poisonedBodyError(text) ?? error, undefined);
      else if (!isJsonObject(value)) {
        done(new RequestValidationException([{ field: 'body', messages: ['body must be a JSON object'] }]), undefined);
      } else done(null, value);
    });
  });
}

/**
 * Fastify's parser refuses valid JSON that carries `__proto__` or `constructor.prototype` keys with a bare
 * "Body is not valid JSON". Name the field that carries one instead (a 400 names the field, issue 13).
 * Plain JSON.parse is safe here: it defines `__proto__` as an own property and the value is only inspected.
 */
function poisonedBodyError(text: string): RequestValidationException | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const field = isJsonObject(value) ? poisonedField(value) : null;
  return field === null
    ? null
    : new RequestValidationException([
        { field, messages: [`${field} must not contain a __proto__ or constructor.prototype key`] },
      ]);
}
