import { defineConfig } from 'prisma/config';

// Used by `prisma generate` only: migrations run through src/db/migrate.ts (WASM schema engine),
// so no datasource url is needed here.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
