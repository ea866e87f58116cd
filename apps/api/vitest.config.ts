import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

// The same test files run on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set; each
// result is labelled with its project. src/test/test-database.ts reads HEALTHSYNC_TEST_DB.
const databaseProject = (kind: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name: kind, env: { HEALTHSYNC_TEST_DB: kind } },
});

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/test/global-setup.ts'],
    hookTimeout: 60_000,
    testTimeout: 30_000,
    projects: [
      databaseProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [databaseProject('postgres')] : []),
    ],
  },
});
