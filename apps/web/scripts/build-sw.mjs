#!/usr/bin/env node
// After `next build` (static export in out/): bundle src/sw.ts with esbuild, then let workbox-build
// inject the precache manifest of every exported file (HTML, JS, CSS, the *.txt RSC payloads,
// icons, the manifest) into out/sw.js.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectManifest } from 'workbox-build';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(appDir, 'out');
const bundled = path.join(appDir, '.next', 'sw.bundle.js');

// The worker runs the sync client (Background Sync), so it bundles the contracts' zod schemas.
// esbuild keeps every zod locale for `import { z } from 'zod'` (a namespace used as a value:
// ~450 KB) but shakes `import * as z from 'zod'` (the same bindings): rewrite our own sources.
const shakeZod = {
  name: 'shake-zod',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replace(/import \{ z \} from 'zod';/g, "import * as z from 'zod';"),
        loader: 'ts',
      };
    });
  },
};

await build({
  entryPoints: [path.join(appDir, 'src', 'sw.ts')],
  outfile: bundled,
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  sourcemap: false,
  plugins: [shakeZod],
  define: {
    'process.env.NODE_ENV': '"production"',
    __BUILD_ID__: JSON.stringify(process.env.BUILD_ID ?? new Date().toISOString()),
  },
  logLevel: 'warning',
});

const { count, size, warnings } = await injectManifest({
  swSrc: bundled,
  swDest: path.join(outDir, 'sw.js'),
  globDirectory: outDir,
  globPatterns: ['**/*.{html,js,css,txt,json,webmanifest,svg,png,ico,woff2}'],
  globIgnores: ['sw.js', '**/*.map'],
  // Hashed file names need no cache-busting revision.
  dontCacheBustURLsMatching: /^_next\/static\//,
  maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
});
await rm(bundled, { force: true });
for (const warning of warnings) console.warn(`workbox: ${warning}`);
console.log(`service worker: ${count} files precached (${(size / 1024).toFixed(0)} KiB)`);
