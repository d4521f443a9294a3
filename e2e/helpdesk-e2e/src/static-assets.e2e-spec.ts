import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { baseUrl } from './support/stack';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET with exactly the given headers and the bytes as sent (node:http does not decompress). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl()), { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the UI is served compressed and cached by content hash', () => {
  let scripts: string[];

  beforeAll(async () => {
    const index = await rawGet('/');
    scripts = [...index.body.toString('utf8').matchAll(/src="([^"]+\.js)"/g)].map((m) => `/${m[1]}`);
  });

  it('index.html (and a client route) is revalidated on every load', async () => {
    for (const path of ['/', '/tickets/unknown-client-route']) {
      const answer = await rawGet(path);
      expect([path, answer.status, answer.headers['cache-control']]).toEqual([path, 200, 'no-cache']);
      expect(answer.body.toString('utf8')).toContain('<ls-root');
    }
    expect(scripts.length).toBeGreaterThan(0);
  });

  it('a hashed bundle comes as brotli, gzip or identity as asked, the same bytes each way, cached for a year', async () => {
    const main = scripts.find((s) => /\/main-[A-Z0-9]{8}\.js$/.test(s));
    expect(main).toBeDefined();
    const identity = await rawGet(main as string);
    const brotli = await rawGet(main as string, { 'accept-encoding': 'br, gzip' });
    const gzip = await rawGet(main as string, { 'accept-encoding': 'gzip' });
    for (const answer of [identity, brotli, gzip]) {
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(String(answer.headers['vary']).toLowerCase()).toContain('accept-encoding');
      expect(answer.headers['content-type']).toMatch(/javascript/);
    }
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect(brotli.body.length).toBeLessThan(identity.body.length / 2);
  });

  it('a missing bundle is a 404, not index.html', async () => {
    const answer = await rawGet('/chunk-ZZZZZZZZ.js', { 'accept-encoding': 'br' });
    expect(answer.status).toBe(404);
    expect(answer.body.toString('utf8')).not.toContain('<ls-root');
  });
});
