import { Body, Controller, HttpCode, Post, Req, type INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ApiExceptionFilter } from '../api-exception.filter';
import { acceptJsonObjectBodiesOnly } from '../json-body-parser';
import {
  AcceptsMultipartUpload,
  MAX_UPLOAD_BYTES,
  UPLOAD_TYPES,
  cleanFileName,
  type FastifyRequest,
  readSingleUpload,
  registerMultipartUploads,
  sniffAllowedType,
} from './multipart-upload';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
// The smallest PNG: signature and IHDR (file-type needs no more).
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2d9d6a70000000049454e44ae426082',
  'hex',
);
// A Windows executable: 'MZ' and the DOS stub.
const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  Buffer.alloc(200),
]);

@Controller()
class UploadTestController {
  @Post('upload')
  @AcceptsMultipartUpload()
  async upload(@Req() request: FastifyRequest): Promise<unknown> {
    const upload = await readSingleUpload(request, {
      allowedTypes: [UPLOAD_TYPES.pdf, UPLOAD_TYPES.png, UPLOAD_TYPES.csv],
      fields: ['title'],
      maxBytes: 64 * 1024,
    });
    return { ...upload, bytes: upload.bytes.length };
  }

  @Post('json')
  @HttpCode(200)
  json(@Body() body: unknown): unknown {
    return body;
  }
}

describe('multipart uploads (only where a route opts in)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [UploadTestController] }).compile();
    const nest = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { bodyParser: false });
    const fastify = nest.getHttpAdapter().getInstance();
    acceptJsonObjectBodiesOnly(fastify);
    await registerMultipartUploads(fastify);
    nest.useGlobalFilters(new ApiExceptionFilter(nest.get(HttpAdapterHost)));
    await nest.listen(0, '127.0.0.1');
    app = nest;
    base = await nest.getUrl();
  });
  afterAll(async () => app?.close());

  const form = (parts: Array<[string, string | Blob, string?]>): FormData => {
    const f = new FormData();
    for (const [name, value, fileName] of parts) {
      if (typeof value === 'string') f.append(name, value);
      else f.append(name, value, fileName);
    }
    return f;
  };
  const post = async (path: string, body: FormData | string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', body, headers });
    const json = (await res.json()) as Record<string, unknown>;
    const named =
      res.status >= 400 && Array.isArray(json['fields']) ? (json['fields'] as Array<{ field: string }>) : [];
    return { status: res.status, json, fields: named.map((f) => f.field) };
  };

  it('reads one file and the named fields, with the sniffed type (not the claimed one)', async () => {
    const r = await post(
      '/upload',
      form([
        ['title', 'Prüfbericht'],
        ['file', new Blob([PDF], { type: 'image/png' }), '../../etc/Bericht 2026.pdf'],
      ]),
    );
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      fileName: 'Bericht 2026.pdf',
      contentType: 'application/pdf',
      declaredType: 'image/png',
      bytes: PDF.length,
      fields: { title: 'Prüfbericht' },
    });
  });

  it('answers 415 to multipart on a route that did not opt in, and keeps JSON working there', async () => {
    const r = await post('/json', form([['a', '1']]));
    expect(r.status).toBe(415);
    expect(r.json['statusCode']).toBe(415);
    const json = await post('/json', '{"a":1}', { 'content-type': 'application/json' });
    expect([json.status, json.json]).toEqual([200, { a: 1 }]);
    expect((await post('/json', 'a=1', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('answers 415 naming file to JSON on an upload route', async () => {
    const r = await post('/upload', '{"title":"x"}', { 'content-type': 'application/json' });
    expect([r.status, r.fields]).toEqual([415, ['file']]);
  });

  it('answers 415 naming file when the bytes are not of an allowed type (an EXE named .pdf)', async () => {
    const r = await post('/upload', form([['file', new Blob([EXE], { type: 'application/pdf' }), 'invoice.pdf']]));
    expect([r.status, r.fields]).toEqual([415, ['file']]);
    expect(String(r.json['message'])).toContain('file');
  });

  it('answers 413 naming file for a file over the limit, after draining the request', async () => {
    const big = Buffer.alloc(64 * 1024 + 1, 0x20);
    PDF.copy(big);
    const r = await post('/upload', form([['file', new Blob([big]), 'big.pdf']]));
    expect([r.status, r.fields]).toEqual([413, ['file']]);
  });

  it('answers 400 naming the field for missing, empty, second or misplaced files and bad fields', async () => {
    const cases: Array<[string, FormData, string[]]> = [
      ['no file', form([['title', 'x']]), ['file']],
      ['empty file', form([['file', new Blob([]), 'a.pdf']]), ['file']],
      [
        'two files',
        form([
          ['file', new Blob([PDF]), 'a.pdf'],
          ['file', new Blob([PDF]), 'b.pdf'],
        ]),
        ['file'],
      ],
      [
        'unknown field',
        form([
          ['file', new Blob([PDF]), 'a.pdf'],
          ['owner', 'x'],
        ]),
        ['owner'],
      ],
      [
        'repeated field',
        form([
          ['title', 'a'],
          ['title', 'b'],
          ['file', new Blob([PDF]), 'a.pdf'],
        ]),
        ['title'],
      ],
      [
        'NUL in a field',
        form([
          ['title', 'a\u0000b'],
          ['file', new Blob([PDF]), 'a.pdf'],
        ]),
        ['title'],
      ],
      [
        'field too long',
        form([
          ['title', 'x'.repeat(20_000)],
          ['file', new Blob([PDF]), 'a.pdf'],
        ]),
        ['title'],
      ],
    ];
    for (const [label, body, fields] of cases) {
      const r = await post('/upload', body);
      expect({ label, status: r.status, fields: r.fields }).toEqual({ label, status: 400, fields });
    }
  });

  it('answers 400 naming body for a malformed multipart body', async () => {
    for (const [body, type] of [
      ['garbage', 'multipart/form-data; boundary=x'],
      [
        '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
        'multipart/form-data; boundary=x',
      ],
      ['--x--', 'multipart/form-data'],
    ]) {
      const r = await post('/upload', body as string, { 'content-type': type as string });
      expect(r.status).toBe(400);
      expect(r.fields.length).toBeGreaterThan(0);
    }
  });

  it('sniffs by content: magic bytes first, UTF-8 text only for a listed text type', async () => {
    const list = [UPLOAD_TYPES.pdf, UPLOAD_TYPES.png];
    expect(await sniffAllowedType(PDF, list)).toBe('application/pdf');
    expect(await sniffAllowedType(PNG, list)).toBe('image/png');
    expect(await sniffAllowedType(EXE, list)).toBeNull();
    expect(await sniffAllowedType(Buffer.from('a;b\n1;2\n'), list)).toBeNull();
    expect(await sniffAllowedType(Buffer.from('code;name\nA-1;Aufzug Süd\r\n'), [UPLOAD_TYPES.csv])).toBe('text/csv');
    expect(await sniffAllowedType(Buffer.from([0x61, 0x00, 0x62]), [UPLOAD_TYPES.csv])).toBeNull();
    expect(await sniffAllowedType(Buffer.from([0xff, 0xfe, 0x41]), [UPLOAD_TYPES.csv])).toBeNull();
  });

  it('cleans file names to their last segment without control characters', () => {
    expect(cleanFileName('C:\\Users\\x\\Foto 1.jpg')).toBe('Foto 1.jpg');
    expect(cleanFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(cleanFileName('..')).toBe('upload');
    expect(cleanFileName(undefined)).toBe('upload');
    expect([...cleanFileName(`${'x'.repeat(300)}.pdf`)]).toHaveLength(255);
    expect(cleanFileName(`${'x'.repeat(300)}.pdf`).endsWith('.pdf')).toBe(true);
  });

  it('has a 25 MB hard limit', () => {
    expect(MAX_UPLOAD_BYTES).toBe(26_214_400);
  });
});
