#!/usr/bin/env node
// @ts-check
// After the build: writes `<file>.br` (brotli, best) and `<file>.gz` (gzip, best) beside every
// compressible file under out/_next/static. Those names are content hashes, so a compressed copy
// can never go stale; the PWA server (@fastify/static `preCompressed`) and nginx (`gzip_static`,
// `brotli_static`) send them as they are, instead of compressing the bulk of the app on every
// download at a lower level. Everything else (the shell) is compressed as it is sent.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const staticDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'out',
  '_next',
  'static',
);
const COMPRESSIBLE = /\.(?:js|mjs|css|json|map|txt|svg)$/;
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipBest = promisify(gzip);

const entries = await readdir(staticDir, { recursive: true, withFileTypes: true });
const files = entries
  .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
  .map((entry) => path.join(entry.parentPath, entry.name));

let count = 0;
let before = 0;
let after = 0;
for (const file of files) {
  const content = await readFile(file);
  if (content.length < MIN_BYTES) continue;
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzipBest(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await writeFile(`${file}.br`, br);
  await writeFile(`${file}.gz`, gz);
  count += 1;
  before += content.length;
  after += br.length;
}
console.log(
  `precompressed ${count} hashed assets: ${(before / 1024).toFixed(0)} KiB → ${(after / 1024).toFixed(0)} KiB (brotli)`,
);
