#!/usr/bin/env node
// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every text asset of the built UI
// (JavaScript, CSS, HTML, SVG, JSON, text) of at least 1 KiB, so the API (@fastify/static preCompressed) and
// nginx (gzip_static) send compressed bytes without compressing per request. Prints the byte totals.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: precompress.mjs <folder of the built UI>\n');
  process.exit(2);
}
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
let files = 0;
let raw = 0;
let br = 0;
let gz = 0;
for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
  const path = join(root, name);
  if (!TEXT.test(name) || !statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  if (bytes.length < 1024) continue;
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gzip = gzipSync(bytes, { level: 9 });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzip);
  files += 1;
  raw += bytes.length;
  br += brotli.length;
  gz += gzip.length;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
process.stdout.write(`precompress: ${files} files, ${kb(raw)} raw -> ${kb(br)} brotli, ${kb(gz)} gzip\n`);
