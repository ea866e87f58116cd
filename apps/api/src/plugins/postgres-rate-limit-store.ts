import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { PrismaClient } from '../db/prisma';

type Hit = { hits: number; ttl: number };

/**
 * A @fastify/rate-limit store in PostgreSQL, so several API instances count sign-in attempts
 * together (a limiter per process would multiply the allowance by the number of instances).
 */
export function postgresRateLimitStore(prisma: PrismaClient) {
  let calls = 0;
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    // @fastify/rate-limit constructs the store with its options; children get a route prefix.
    constructor(_options?: unknown, prefix = '') {
      this.prefix = prefix;
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      void this.hit(`${this.prefix}${key}`, timeWindow).then(
        (hit) => callback(null, { current: hit.hits, ttl: hit.ttl }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: { path: string; method?: string | string[] }): FastifyRateLimitStore {
      return new PostgresRateLimitStore(
        undefined,
        `${String(routeOptions.method)}:${routeOptions.path}|`,
      );
    }

    private async hit(key: string, windowMs: number): Promise<Hit> {
      if (++calls % 1000 === 0) {
        await prisma.$executeRaw`DELETE FROM rate_limit_hit WHERE window_ends < now() - interval '1 hour'`;
      }
      const [row] = await prisma.$queryRaw<{ hits: number; ttl: number }[]>`
        INSERT INTO rate_limit_hit (key, hits, window_ends)
        VALUES (${key}, 1, clock_timestamp() + make_interval(secs => ${windowMs / 1000}))
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN rate_limit_hit.window_ends <= clock_timestamp() THEN 1 ELSE rate_limit_hit.hits + 1 END,
          window_ends = CASE WHEN rate_limit_hit.window_ends <= clock_timestamp()
                             THEN EXCLUDED.window_ends ELSE rate_limit_hit.window_ends END
        RETURNING hits, (extract(epoch FROM window_ends - clock_timestamp()) * 1000)::int AS ttl`;
      return { hits: row?.hits ?? 1, ttl: Math.max(0, row?.ttl ?? windowMs) };
    }
  }
  return PostgresRateLimitStore;
}
