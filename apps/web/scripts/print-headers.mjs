#!/usr/bin/env node
// @ts-check
// Prints the header policy of the built export (scripts/pwa-server/header-policy.mjs, as the PWA
// server sends it) for a proxy or CDN that serves apps/web/out itself:
//
//   node scripts/print-headers.mjs            JSON
//   node scripts/print-headers.mjs --nginx    an nginx `http { … }` include
//
//   OUT_DIR   the export (default ../out next to this script)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderHeaderPolicy, toNginx } from './pwa-server/render-header-policy.mjs';

const root = path.resolve(
  process.env.OUT_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out'),
);
const policy = await renderHeaderPolicy(root);
process.stdout.write(
  process.argv.includes('--nginx') ? toNginx(policy) : `${JSON.stringify(policy, null, 2)}\n`,
);
