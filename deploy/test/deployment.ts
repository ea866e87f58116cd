// The reference deployment on one machine, brought up the way README's "Production" section does
// it: a fresh PostgreSQL database owned by a non-superuser, `pnpm db:migrate`, the first
// administrator by `pnpm user:create`, three API instances and the PWA's server started by
// deploy/bin/healthsync-instances, and Debian's nginx with the site rendered from
// deploy/nginx/healthsync.conf.template, in front of them on TLS. Temporary directories and free
// ports throughout; everything stops and is removed afterwards.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../apps/api/src/test/free-port';

export const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => path.join(repoDir, 'deploy', 'bin', name);
const run = promisify(execFile);

export const ADMIN = { username: 'district-admin', password: 'a-long-admin-password' };
const ROLE = 'healthsync_deploy_smoke';

export type Deployment = {
  /** https://localhost:<port>: nginx. */
  url: string;
  httpUrl: string;
  apiPorts: number[];
  webPort: number;
  databaseUrl: string;
  root: string;
  /** Runs a deploy/bin script with this deployment's settings. */
  script(name: string, args: string[], env?: Record<string, string>): Promise<string>;
  /** Runs a pnpm script at the repository root with this deployment's database. */
  pnpm(args: string[], stdin?: string): Promise<string>;
  stop(): Promise<void>;
};

function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx'])
    if (existsSync(candidate)) return candidate;
  throw new Error('nginx is not installed: apt-get install nginx-light (.ci/run installs it)');
}

/** Runs a command with input on stdin, resolving with stdout (rejecting with its output). */
function runWithInput(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoDir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdin.end(stdin);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${out}`)),
    );
  });
}

export async function bringUp(adminUrl: string): Promise<Deployment> {
  const nginx = nginxBinary();
  const tlsDir = process.env.HEALTHSYNC_SMOKE_TLS_DIR!;
  const root = await mkdtemp(path.join(tmpdir(), 'healthsync-deploy-'));
  const [httpsPort, httpPort, webPort, ...apiPorts] = (await Promise.all(
    Array.from({ length: 6 }, () => freePort()),
  )) as [number, number, number, ...number[]];

  // The database: a role without superuser rights owns it, as in production.
  const password = randomBytes(12).toString('hex');
  const databaseName = `hs_deploy_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [ROLE]);
    await admin.query(
      `${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${ROLE} LOGIN NOSUPERUSER NOCREATEDB PASSWORD '${password}'`,
    );
    await admin.query(`CREATE DATABASE ${databaseName} OWNER ${ROLE}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = Object.assign(new URL(adminUrl), {
    username: ROLE,
    password,
    pathname: `/${databaseName}`,
  }).toString();

  const envFile = path.join(root, 'healthsync.env');
  await writeFile(
    envFile,
    [
      'NODE_ENV=production',
      `DATABASE_URL=${databaseUrl}`,
      `JWT_SECRET=${randomBytes(48).toString('base64url')}`,
      `CORS_ORIGINS=https://localhost:${httpsPort}`,
      'LOG_LEVEL=warn',
      `API_URL=http://127.0.0.1:${apiPorts[0]}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const upstreams = path.join(root, 'nginx', 'healthsync-upstreams.conf');
  const nginxDir = path.join(root, 'nginx');
  const runDir = path.join(root, 'run');
  await mkdir(path.join(nginxDir, 'temp'), { recursive: true });

  const baseEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'NODE_ENV', 'INIT_CWD']) delete baseEnv[name];
  const scriptEnv = {
    ...baseEnv,
    HEALTHSYNC_HOME: repoDir,
    HEALTHSYNC_ENV_FILE: envFile,
    HEALTHSYNC_RUN_DIR: runDir,
    HEALTHSYNC_UPSTREAMS: upstreams,
    HEALTHSYNC_NGINX_PID: path.join(nginxDir, 'nginx.pid'),
  };
  const script = async (name: string, args: string[], env: Record<string, string> = {}) =>
    (await run(bin(name), args, { env: { ...scriptEnv, ...env }, maxBuffer: 1 << 24 })).stdout;
  const pnpm = (args: string[], stdin?: string) =>
    runWithInput('pnpm', ['--silent', ...args], { ...baseEnv, DATABASE_URL: databaseUrl }, stdin);

  let nginxProcess: ChildProcess | undefined;
  const stop = async () => {
    if (nginxProcess && nginxProcess.exitCode === null) {
      const exited = new Promise((resolve) => nginxProcess!.once('exit', resolve));
      nginxProcess.kill('SIGQUIT');
      await exited;
    }
    await script('healthsync-instances', ['stop', 'api', ...apiPorts.map(String)]).catch(() => {});
    await script('healthsync-instances', ['stop', 'web', String(webPort)]).catch(() => {});
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup
      .query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
      .finally(() => cleanup.end());
    await rm(root, { recursive: true, force: true });
  };

  try {
    await pnpm(['db:migrate']);
    await pnpm(
      [
        'user:create',
        '--role',
        'admin',
        '--username',
        ADMIN.username,
        '--facility',
        'District Hospital',
      ],
      `${ADMIN.password}\n`,
    );

    await script('write-upstreams', [upstreams, ...apiPorts.map(String)]);
    const site = await script('render-nginx-site', [], {
      HEALTHSYNC_SERVER_NAME: 'localhost',
      HEALTHSYNC_HTTP_PORT: String(httpPort),
      HEALTHSYNC_HTTPS_PORT: String(httpsPort),
      HEALTHSYNC_TLS_CERT: path.join(tlsDir, 'localhost.crt'),
      HEALTHSYNC_TLS_KEY: path.join(tlsDir, 'localhost.key'),
      HEALTHSYNC_WEB_ADDRESS: `127.0.0.1:${webPort}`,
    });
    await writeFile(path.join(nginxDir, 'healthsync.conf'), site);
    // What Debian's /etc/nginx/nginx.conf provides around a site, in a directory of our own.
    const temp = path.join(nginxDir, 'temp');
    await writeFile(
      path.join(nginxDir, 'nginx.conf'),
      `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 2;
pid ${path.join(nginxDir, 'nginx.pid')};
error_log ${path.join(nginxDir, 'error.log')} warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  access_log ${path.join(nginxDir, 'access.log')};
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${path.join(nginxDir, 'healthsync.conf')};
}
`,
    );
    const nginxArgs = ['-p', nginxDir, '-c', path.join(nginxDir, 'nginx.conf')];
    await run(nginx, [...nginxArgs, '-t']);

    await script('healthsync-instances', ['start', 'api', ...apiPorts.map(String)]);
    await script('healthsync-instances', ['start', 'web', String(webPort)]);
    nginxProcess = spawn(nginx, [...nginxArgs, '-g', 'daemon off;'], { stdio: 'ignore' });
    const url = `https://localhost:${httpsPort}`;
    for (;;) {
      if (nginxProcess.exitCode !== null) throw new Error('nginx exited at start');
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      url,
      httpUrl: `http://localhost:${httpPort}`,
      apiPorts,
      webPort,
      databaseUrl,
      root,
      script,
      pnpm,
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
