// An operator command (src/cli, src/db/cli) as a child process, as `pnpm <script>` runs it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

export type CliOptions = {
  /** Written to the command's stdin, which is then closed (not a terminal). */
  stdin?: string;
  /** DATABASE_URL / DATA_DIR and the like; nothing else of this process's database settings. */
  env?: Record<string, string>;
};

/** Runs `node --import tsx <script> …args` in apps/api and collects its output. */
export function runCli(
  script: string,
  args: string[],
  options: CliOptions = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'INIT_CWD', 'NODE_ENV']) delete env[name];
  Object.assign(env, options.env);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: apiDir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
