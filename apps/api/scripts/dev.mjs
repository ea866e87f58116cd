// `pnpm dev` for the API: the server in tsx watch mode with the demo data and accounts seeded, as
// `pnpm start` does, so a fresh clone can sign in (DEMO=0 turns it off). The server itself still
// refuses DEMO=1 when NODE_ENV=production.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(`${apiDir}/node_modules/.bin/tsx`, ['watch', 'src/server.ts'], {
  cwd: apiDir,
  stdio: 'inherit',
  env: { ...process.env, DEMO: process.env.DEMO ?? '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
