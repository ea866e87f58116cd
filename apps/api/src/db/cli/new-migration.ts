// `pnpm db:migration:new <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from
// the difference between prisma/schema.prisma and the migrations folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMigration } from '../create-migration';

const apiDir = fileURLToPath(new URL('../../..', import.meta.url));
const name = process.argv[2];
if (!name) {
  console.error('Usage: pnpm db:migration:new <name>   (e.g. add_visit_notes)');
  process.exit(1);
}

const folder = await createMigration({
  schemaPath: path.join(apiDir, 'prisma', 'schema.prisma'),
  migrationsDir: path.join(apiDir, 'prisma', 'migrations'),
  name,
});
console.log(
  folder
    ? `Created ${path.relative(process.cwd(), folder)}/migration.sql`
    : 'No schema changes: no migration created.',
);
