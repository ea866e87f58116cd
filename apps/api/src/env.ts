import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { SignInLimits } from './modules/auth/sign-in-throttle';

/** The only reader of process.env in the API. Everything else receives an AppConfig. */

const DEFAULT_SECRETS = new Set(['', 'changeme', 'secret', 'dev-secret', 'change-me']);

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'each must be a postgresql:// URL')
          .pipe(z.string().url()),
      ),
    ),
  MIGRATE_ON_START: booleanFlag.optional(),
  DEMO: booleanFlag.default(false),
  JWT_SECRET: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://127.0.0.1:3000'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  LOGIN_ACCOUNT_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_ADDRESS_FAILURES_PER_HOUR: z.coerce.number().int().positive().default(30),
  METRICS_TOKEN: z.string().min(16).optional(),
  METRICS_PUBLIC: booleanFlag.optional(),
  DOCS_PUBLIC: booleanFlag.optional(),
  TOMBSTONE_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('loopback'),
  OFFLINE_SIGN_IN_DAYS: z.coerce.number().int().positive().max(365).default(7),
  IDLE_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(10),
});

export type AppConfig = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL streaming replicas of DATABASE_URL that serve pulls and FHIR reads (plugins/read-replicas). */
  databaseReplicaUrls: string[];
  migrateOnStart: boolean;
  demo: boolean;
  jwtSecret: string;
  /** True when no JWT_SECRET was given and a random one was made (development only). */
  jwtSecretGenerated: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  corsOrigins: string[];
  bodyLimitBytes: number;
  signInLimits: SignInLimits;
  logLevel: string;
  /** Deleted rows are kept this long for devices to learn of them; 0 disables purging. */
  tombstoneRetentionDays: number;
  /** When set, GET /metrics requires it as a bearer token. */
  metricsToken: string | undefined;
  /** /metrics without METRICS_TOKEN answers anyone (default outside production) or no one. */
  metricsPublic: boolean;
  /** /docs and /api/openapi.json answer anyone (default outside production) or signed-in users. */
  docsPublic: boolean;
  /** Said loudly at start: settings that run but are probably not what the deployer meant. */
  startupWarnings: string[];
  trustProxy: TrustProxy;
  /** Sent with every token pair: what the phone allows without the server (issue 16). */
  devicePolicy: DevicePolicy;
};

export type DevicePolicy = { offlineSignInDays: number; idleLockMinutes: number };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Which peers may tell the client's address in X-Forwarded-For, in Fastify's `trustProxy` forms:
 * the number of proxies in front (hop count), or their addresses and CIDR ranges (with proxy-addr's
 * `loopback`, `linklocal`, `uniquelocal`). Never "any peer": a client would choose its own address.
 */
export type TrustProxy = false | number | string[];

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(text)) return false;
  if (['true', 'yes', 'on', '*', 'all'].includes(text)) {
    throw new ConfigError(
      `TRUST_PROXY=${value} would let any client choose its own address (X-Forwarded-For): give the ` +
        'number of proxies in front of the API (e.g. 1) or their addresses (e.g. 10.0.0.5,loopback).',
    );
  }
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) {
    throw new ConfigError(
      `TRUST_PROXY: ${bad.join(', ')} is not an address, a CIDR range, loopback, linklocal or uniquelocal.`,
    );
  }
  return entries;
}

/**
 * As Fastify takes it. Fastify 5 no longer honours a bare hop count (a client that reaches the API
 * directly could spoof it), so the count becomes a function: trust the first `n` hops.
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** A server on PostgreSQL is a deployment: running it with development defaults is a mistake. */
function startupWarnings(env: z.output<typeof EnvSchema>): string[] {
  if (env.NODE_ENV !== undefined || !env.DATABASE_URL) return [];
  return [
    'NODE_ENV is not set but DATABASE_URL is: this server runs with DEVELOPMENT defaults ' +
      '(a generated JWT secret unless JWT_SECRET is set, DEMO allowed, /docs and /metrics open ' +
      'to anyone, migrations at start). Set NODE_ENV=production for a deployment, or ' +
      'NODE_ENV=development to silence this warning.',
  ];
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const secret = env.JWT_SECRET ?? '';
  if (production && (DEFAULT_SECRETS.has(secret) || secret.length < 32)) {
    throw new ConfigError(
      'JWT_SECRET must be set to a strong secret (at least 32 characters) when NODE_ENV=production.',
    );
  }
  if (production && env.DEMO) {
    throw new ConfigError(
      'DEMO=1 is refused when NODE_ENV=production: demo accounts have public passwords.',
    );
  }
  if (env.DATABASE_REPLICA_URLS.length > 0 && !env.DATABASE_URL) {
    throw new ConfigError(
      'DATABASE_REPLICA_URLS needs DATABASE_URL: replicas copy a PostgreSQL primary, and writes go there.',
    );
  }
  return {
    nodeEnv,
    host: env.HOST,
    port: env.PORT,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    databaseReplicaUrls: env.DATABASE_REPLICA_URLS,
    migrateOnStart: env.MIGRATE_ON_START ?? (!production || !env.DATABASE_URL),
    demo: env.DEMO,
    jwtSecret: secret.length > 0 ? secret : randomBytes(48).toString('base64url'),
    jwtSecretGenerated: secret.length === 0,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    signInLimits: {
      accountFailures: env.LOGIN_ACCOUNT_FAILURES,
      addressFailuresPerHour: env.LOGIN_ADDRESS_FAILURES_PER_HOUR,
    },
    logLevel: env.LOG_LEVEL,
    tombstoneRetentionDays: env.TOMBSTONE_RETENTION_DAYS,
    metricsToken: env.METRICS_TOKEN,
    metricsPublic: env.METRICS_PUBLIC ?? !production,
    docsPublic: env.DOCS_PUBLIC ?? !production,
    startupWarnings: startupWarnings(env),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    devicePolicy: {
      offlineSignInDays: env.OFFLINE_SIGN_IN_DAYS,
      idleLockMinutes: env.IDLE_LOCK_MINUTES,
    },
  };
}
