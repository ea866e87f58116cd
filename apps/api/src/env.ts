import { randomBytes } from 'node:crypto';
import { z } from 'zod';

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
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  METRICS_TOKEN: z.string().min(16).optional(),
  METRICS_PUBLIC: booleanFlag.optional(),
  DOCS_PUBLIC: booleanFlag.optional(),
  TOMBSTONE_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFlag.default(false),
});

export type AppConfig = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  migrateOnStart: boolean;
  demo: boolean;
  jwtSecret: string;
  /** True when no JWT_SECRET was given and a random one was made (development only). */
  jwtSecretGenerated: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  corsOrigins: string[];
  bodyLimitBytes: number;
  loginRateLimitPerMinute: number;
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
  trustProxy: boolean;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
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
  return {
    nodeEnv,
    host: env.HOST,
    port: env.PORT,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
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
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    logLevel: env.LOG_LEVEL,
    tombstoneRetentionDays: env.TOMBSTONE_RETENTION_DAYS,
    metricsToken: env.METRICS_TOKEN,
    metricsPublic: env.METRICS_PUBLIC ?? !production,
    docsPublic: env.DOCS_PUBLIC ?? !production,
    startupWarnings: startupWarnings(env),
    trustProxy: env.TRUST_PROXY,
  };
}
