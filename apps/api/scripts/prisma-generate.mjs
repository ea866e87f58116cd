// `prisma generate` never runs the schema engine, but the CLI insists on a binary path; pointing it
// at any existing file avoids a download of engines the build does not need (and offline builds cannot fetch).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cwd = fileURLToPath(new URL('..', import.meta.url));
execFileSync('pnpm', ['exec', 'prisma', 'generate'], {
  cwd,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
