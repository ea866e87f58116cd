import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

// The same test files run on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set; each
// result is labelled with its project. src/test/test-database.ts reads HEALTHSYNC_TEST_DB.
const databaseProject = (kind: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name: kind, include: ['src/**/*.test.ts'], env: { HEALTHSYNC_TEST_DB: kind } },
});

// With TEST_DATABASE_REPLICA_URL too (a streaming replica of TEST_DATABASE_URL's cluster, made by
// .ci/replica), the sync invariants run again with pulls read through the replica, one file at a
// time (the lag test pauses the replica's replay for everyone). Each project names its files:
// `extends` would add the project's include to a root one, not replace it.
const replicaProject: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'replica',
    env: { HEALTHSYNC_TEST_DB: 'postgres', HEALTHSYNC_TEST_REPLICA: '1' },
    include: [
      'src/modules/sync/no-missed-change.test.ts',
      'src/modules/sync/replica-pulls.test.ts',
      'src/sync-client.property.test.ts',
    ],
    fileParallelism: false,
  },
};

export default defineConfig({
  test: {
    globalSetup: ['./src/test/global-setup.ts'],
    hookTimeout: 60_000,
    testTimeout: 30_000,
    projects: [
      databaseProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [databaseProject('postgres')] : []),
      ...(process.env.TEST_DATABASE_URL && process.env.TEST_DATABASE_REPLICA_URL
        ? [replicaProject]
        : []),
    ],
  },
});
