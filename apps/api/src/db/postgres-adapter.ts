import { PrismaPg } from '@prisma/adapter-pg';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResults = pg.QueryResult | pg.QueryResult[];

// @prisma/adapter-pg rejects any result column of the internal "char" type (OID 18), which the
// schema engine meets when it reads pg_catalog. Its values are one-character strings, so the
// column is relabelled as text before the adapter sees it.
function relabelCharColumns<T extends QueryResults | undefined>(results: T): T {
  for (const result of Array.isArray(results) ? results : [results]) {
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return results;
}

class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forwards pg's overloads unchanged
  override query(...args: any[]): any {
    const query = pg.Client.prototype.query as (...queryArgs: unknown[]) => unknown;
    const last: unknown = args.at(-1);
    if (typeof last === 'function') {
      const callback = args.pop() as (error: Error | null, results?: QueryResults) => void;
      return query.call(this, ...args, (error: Error | null, results?: QueryResults) =>
        callback(error, relabelCharColumns(results)),
      );
    }
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof first?.submit === 'function') return query.apply(this, args);
    return (query.apply(this, args) as Promise<QueryResults>).then(relabelCharColumns);
  }
}

export function createPostgresPool(connectionString: string, options: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ ...options, connectionString, Client: CharAsTextClient });
  // An idle connection the server closed (restart, failover, DROP … WITH (FORCE)) is dropped from
  // the pool and replaced on the next query; without a listener it would crash the process.
  pool.on('error', (error) => {
    console.warn(`PostgreSQL connection lost (${error.message}); the pool reconnects on demand.`);
  });
  return pool;
}

/** Adapter factory for the schema engine on PostgreSQL. The caller owns and ends `pool`. */
export function postgresMigrationAdapterFactory(
  pool: pg.Pool,
): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPg(pool);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      return withWholeScriptExecution(adapter, pool);
    },
    connectToShadowDb() {
      // adapter-pg drops its shadow database while its pool is still connected; migrations are
      // created against an in-memory PGlite instead (see create-migration.ts).
      return Promise.reject(
        new Error('No shadow database on PostgreSQL: create migrations with PGlite'),
      );
    },
  };
}

// adapter-pg's executeScript splits the script on every ";", which cuts function bodies apart.
// One simple-protocol query runs the whole migration as one implicit transaction instead.
function withWholeScriptExecution(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    async executeScript(script: string) {
      try {
        await pool.query(script);
      } catch (error) {
        onError(error);
      }
    },
  });
}
