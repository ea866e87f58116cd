// Runs the built system: API on :8000 (embedded PGlite in ./data, demo data on by default) and the
// PWA on :3000 (which proxies /api to the API). `pnpm start` builds first, then runs this.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apiPort = process.env.PORT ?? '8000';
const webPort = process.env.WEB_PORT ?? '3000';

const children = [
  spawn(process.execPath, ['dist/server.js'], {
    cwd: `${root}/apps/api`,
    stdio: 'inherit',
    env: {
      ...process.env,
      DEMO: process.env.DEMO ?? '1',
      PORT: apiPort,
      DATA_DIR: process.env.DATA_DIR ?? `${root}/data`,
    },
  }),
  spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: `${root}/apps/web`,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: webPort,
      API_URL: process.env.API_URL ?? `http://127.0.0.1:${apiPort}`,
    },
  }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 12_000).unref();
}
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) console.error(`A HealthSync process exited (code ${code}); stopping the other.`);
    stop(code ?? 1);
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null))
      process.exit(code ?? 0);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
console.log(
  `HealthSync: PWA http://localhost:${webPort}  API http://localhost:${apiPort}  docs http://localhost:${apiPort}/docs`,
);
