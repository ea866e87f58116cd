// Values the global setup (src/test/global-setup.ts) hands to test files through vitest's
// provide/inject.

export interface PostgresTestRun {
  /** TEST_DATABASE_URL: a role allowed to create roles and databases. */
  adminUrl: string;
  /** The non-superuser role that owns each test database and runs its migrations. */
  ownerRole: string;
  ownerPassword: string;
  /** Prefix of this run's database names, so teardown can drop what a crashed file left. */
  databasePrefix: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite `dumpDataDir()` tarballs of a new database before and after the migrations. */
    pgliteTemplatePaths: { empty: string; migrated: string };
    postgresTestRun: PostgresTestRun;
  }
}
