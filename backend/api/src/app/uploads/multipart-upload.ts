import { HttpStatus, UnsupportedMediaTypeException, applyDecorators, type HttpServer } from '@nestjs/common';
import { RouteConfig, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiConsumes } from '@nestjs/swagger';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { FieldHttpException, RequestValidationException } from '../api-exception.filter';

/**
 * Multipart uploads (issue 14). The API reads JSON bodies only (json-body-parser.ts); a route that takes a
 * file opts in with `@AcceptsMultipartUpload()` and reads the request with `readSingleUpload`. Every other
 * route keeps answering 415 to `multipart/form-data` — before any part of the body is read.
 *
 * The file is buffered in memory (at most `maxBytes`, 25 MB by default): the stores hash it (SHA-256) and
 * write it in one statement, and the real type is sniffed from its first bytes (file-type) against the
 * caller's allow-list. Busboy counts the bytes while they arrive, so a larger file is cut off at the limit
 * and the rest of the request is drained, never held: the answer is 413 naming `file`.
 */

type FastifyHttp = ReturnType<NestFastifyApplication['getHttpAdapter']>;
type FastifyInstance = ReturnType<FastifyHttp['getInstance']>;
/** Fastify's request (what `@Req()` gives a controller of the API). */
export type FastifyRequest = FastifyHttp extends HttpServer<infer R, infer _S, infer _I> ? R : never;

/** The default size limit of an uploaded file: 25 MB (issue 14). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Limits of the non-file fields of an upload form. */
export const MAX_UPLOAD_FIELDS = 20;
export const MAX_UPLOAD_FIELD_BYTES = 16 * 1024;
const MAX_FIELD_NAME_BYTES = 100;
const MAX_FILE_NAME_CHARS = 255;

/** The route config flag `@AcceptsMultipartUpload()` sets (read by the preParsing hook). */
const ROUTE_FLAG = 'multipartUpload';

/**
 * Marks a route as one that takes `multipart/form-data` (and documents that in OpenAPI). The request body
 * of such a route is described with `@ApiBody({ schema: multipartSchema(...) })`.
 */
export function AcceptsMultipartUpload(): MethodDecorator {
  return applyDecorators(RouteConfig({ [ROUTE_FLAG]: true }), ApiConsumes('multipart/form-data'));
}

/**
 * Registers @fastify/multipart (after `acceptJsonObjectBodiesOnly`, which removes every parser) and the
 * hook that keeps multipart away from every route that did not opt in.
 */
export async function registerMultipartUploads(fastify: FastifyInstance): Promise<void> {
  await fastify.register((await import('@fastify/multipart')).default, {
    limits: {
      fieldNameSize: MAX_FIELD_NAME_BYTES,
      fieldSize: MAX_UPLOAD_FIELD_BYTES,
      fields: MAX_UPLOAD_FIELDS,
      fileSize: MAX_UPLOAD_BYTES,
      files: 1,
      parts: MAX_UPLOAD_FIELDS + 1,
      headerPairs: 100,
    },
    throwFileSizeLimit: true,
  });
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (isMultipartRequest(request) && !optedIn(request)) {
      throw new UnsupportedMediaTypeException(`Unsupported Media Type: ${request.headers['content-type'] ?? ''}`);
    }
    return payload;
  });
}

function isMultipartRequest(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && /^\s*multipart\/form-data\b/i.test(type);
}

function optedIn(request: FastifyRequest): boolean {
  const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
  return config?.[ROUTE_FLAG] === true;
}

/** One entry of an allow-list: a MIME type as file-type reports it, with a label for messages. */
export interface AllowedUploadType {
  /** e.g. 'application/pdf', 'image/jpeg'; 'text/csv' (and other text/*) is accepted as UTF-8 text. */
  mime: string;
  /** Shown in the 415 message, e.g. 'PDF'. */
  label: string;
}

/** Common allow-list entries (the document store's, and the asset import's). */
export const UPLOAD_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  jpeg: { mime: 'image/jpeg', label: 'JPEG' },
  png: { mime: 'image/png', label: 'PNG' },
  webp: { mime: 'image/webp', label: 'WebP' },
  heic: { mime: 'image/heic', label: 'HEIC' },
  heif: { mime: 'image/heif', label: 'HEIF' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX' },
  csv: { mime: 'text/csv', label: 'CSV' },
} as const satisfies Record<string, AllowedUploadType>;

export interface SingleUploadOptions {
  /** The allow-list of real (sniffed) types. */
  allowedTypes: readonly AllowedUploadType[];
  /** The names of the text fields the form may carry besides the file (others: 400 naming them). */
  fields: readonly string[];
  /** At most this many bytes (≤ MAX_UPLOAD_BYTES, the plugin's hard limit). Default MAX_UPLOAD_BYTES. */
  maxBytes?: number;
  /** The name of the file part. Default 'file'. */
  fileField?: string;
}

export interface SingleUpload {
  /** The client's file name, reduced to its last path segment without control characters (≤ 255). */
  fileName: string;
  bytes: Buffer;
  /** The sniffed type from the allow-list (never the client's claim). */
  contentType: string;
  /** What the client claimed (for logs only). */
  declaredType: string;
  /** The text fields, each at most once (repeats are a 400 naming the field). */
  fields: Record<string, string>;
}

/**
 * Reads a `multipart/form-data` request of a route marked `@AcceptsMultipartUpload()`: exactly one file
 * (part `file`) and the named text fields. Answers (as exceptions with the API's error shape, naming the
 * field): 415 `file` for a body that is not multipart or a file whose bytes are not of an allowed type;
 * 413 `file` for a file over `maxBytes`; 400 `file` for no file, an empty one or a second one; 400 naming
 * the field for an unknown, repeated, too long or NUL-carrying field; 400 `body` for a malformed body.
 */
export async function readSingleUpload(request: FastifyRequest, options: SingleUploadOptions): Promise<SingleUpload> {
  const fileField = options.fileField ?? 'file';
  const maxBytes = Math.min(options.maxBytes ?? MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES);
  if (!isMultipartRequest(request) || !request.isMultipart()) {
    throw new FieldHttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'the body must be multipart/form-data', [
      { field: fileField, messages: [`${fileField} must be sent as multipart/form-data`] },
    ]);
  }
  const allowedFields = new Set(options.fields);
  const fields: Record<string, string> = {};
  const problems = new Map<string, string>();
  let file: { part: MultipartFile; bytes: Buffer } | null = null;
  let overLimit = false;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes } }) as AsyncIterable<Multipart>) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          await drain(part);
          problems.set(part.fieldname, `${part.fieldname} is not a file field (the file goes into ${fileField})`);
          continue;
        }
        if (file !== null) {
          await drain(part);
          problems.set(fileField, `exactly one ${fileField} per request`);
          continue;
        }
        file = { part, bytes: await part.toBuffer() };
        continue;
      }
      const name = part.fieldname;
      if (!allowedFields.has(name)) problems.set(name, `property ${name} should not exist`);
      else if (part.valueTruncated) problems.set(name, `${name} must be at most ${MAX_UPLOAD_FIELD_BYTES} bytes`);
      else if (name in fields) problems.set(name, `${name} must be sent once`);
      else if (typeof part.value !== 'string') problems.set(name, `${name} must be text`);
      else if (part.value.includes('\u0000')) problems.set(name, `${name} must not contain NUL characters`);
      else fields[name] = part.value;
    }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') overLimit = true;
    else if (code === 'FST_FILES_LIMIT') problems.set(fileField, `exactly one ${fileField} per request`);
    else if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
      problems.set('body', `at most ${MAX_UPLOAD_FIELDS} fields`);
    } else if (code === 'FST_PROTO_VIOLATION') problems.set('body', 'a field name is not allowed');
    else if (code === 'FST_INVALID_JSON_FIELD_ERROR') problems.set('body', 'a field declared as JSON is not JSON');
    else problems.set('body', 'the body is not well-formed multipart/form-data');
  }
  if (overLimit) {
    throw new FieldHttpException(HttpStatus.PAYLOAD_TOO_LARGE, `${fileField} is larger than ${formatBytes(maxBytes)}`, [
      { field: fileField, messages: [`${fileField} must not be larger than ${formatBytes(maxBytes)}`] },
    ]);
  }
  if (file === null && !problems.has(fileField) && !problems.has('body')) {
    problems.set(fileField, `${fileField} is required`);
  } else if (file !== null && file.bytes.length === 0) problems.set(fileField, `${fileField} must not be empty`);
  if (problems.size > 0) {
    throw new RequestValidationException([...problems].map(([field, message]) => ({ field, messages: [message] })));
  }
  const upload = file as { part: MultipartFile; bytes: Buffer };
  const contentType = await sniffAllowedType(upload.bytes, options.allowedTypes);
  if (contentType === null) {
    const labels = options.allowedTypes.map((t) => t.label).join(', ');
    throw new FieldHttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `${fileField} is not of an allowed type`, [
      { field: fileField, messages: [`${fileField} must be one of ${labels} (judged by its content, not its name)`] },
    ]);
  }
  return {
    fileName: cleanFileName(upload.part.filename),
    bytes: upload.bytes,
    contentType,
    declaredType: upload.part.mimetype,
    fields,
  };
}

async function drain(part: MultipartFile): Promise<void> {
  try {
    await part.toBuffer();
  } catch {
    // Too large or cut off: the part is refused anyway.
  }
}

interface FileTypeModule {
  fileTypeFromBuffer(bytes: Uint8Array): Promise<{ ext: string; mime: string } | undefined>;
}
let fileTypeModule: FileTypeModule | null = null;

/**
 * The type of `bytes` from the allow-list, judged by content: the type file-type recognises from the
 * magic bytes must be listed; bytes file-type does not recognise pass as a listed text/* type when they
 * are UTF-8 text without control characters besides tab, CR and LF. Null: not allowed.
 */
export async function sniffAllowedType(bytes: Buffer, allowed: readonly AllowedUploadType[]): Promise<string | null> {
  // file-type is ESM-only; Node 20.20 loads it through require(esm), and the api bundle keeps it external.
  fileTypeModule ??= require('file-type') as FileTypeModule;
  const sniffed = await fileTypeModule.fileTypeFromBuffer(bytes);
  if (sniffed) {
    const mime = sniffed.mime === 'image/heic-sequence' ? 'image/heic' : sniffed.mime;
    return allowed.some((t) => t.mime === mime) ? mime : null;
  }
  const text = allowed.find((t) => t.mime.startsWith('text/'));
  return text && isPlainText(bytes) ? text.mime : null;
}

// Tab, LF, CR are text; every other C0 control character and DEL are not.
// eslint-disable-next-line no-control-regex -- the control characters are the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function isPlainText(bytes: Buffer): boolean {
  try {
    return !CONTROL.test(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return false;
  }
}

/** The last path segment of a client's file name, without control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const last = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  const cleaned = last.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  const chars = [...cleaned];
  const name = chars.length > MAX_FILE_NAME_CHARS ? chars.slice(chars.length - MAX_FILE_NAME_CHARS).join('') : cleaned;
  return name === '' || name === '.' || name === '..' ? 'upload' : name;
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

/** The OpenAPI schema of an upload form: the binary `file` plus the given text fields. */
export function multipartSchema(
  properties: Record<string, Record<string, unknown>>,
  required: readonly string[] = [],
  fileField = 'file',
): Record<string, unknown> {
  return {
    type: 'object',
    properties: { [fileField]: { type: 'string', format: 'binary' }, ...properties },
    required: [fileField, ...required],
    additionalProperties: false,
  };
}
