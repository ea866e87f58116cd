import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { seedDemo } from './demo/seed-demo';
import { ConfigError, loadEnv } from './env';
import { DataDirectoryLockedError, embeddedDatabaseDir, openDatabase } from './db/open-database';
import { persistentDevSecret } from './dev-secret';
import { backupSocketPath, listenForBackups } from './db/backup/backup-socket';

/** Runs the API process: configuration, database, demo data, HTTP, graceful shutdown. */
async function main(): Promise<void> {
  const config = loadEnv();
  for (const warning of config.startupWarnings) console.error(`\n*** WARNING: ${warning}\n`);
  const embedded = !config.databaseUrl;
  if (embedded && config.jwtSecretGenerated) {
    // Keep sign-ins valid across restarts of a development server.
    config.jwtSecret = await persistentDevSecret(config.dataDir, config.jwtSecret);
  }

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: embeddedDatabaseDir(config.dataDir),
    migrate: embedded || config.migrateOnStart,
  });

  if (config.demo) {
    const { created } = await seedDemo(database.prisma);
    console.log(created ? 'Demo data seeded (DEMO=1).' : 'Demo data present (DEMO=1).');
  }

  const app = await buildApp({ config, database, logger: true });
  // `pnpm db:backup` asks this process for a consistent dump of the directory it holds.
  const backups =
    database.kind === 'pglite'
      ? await listenForBackups(database.pglite, backupSocketPath(config.dataDir), {
          warn: (message) => app.log.warn(message),
          error: (err, message) => app.log.error({ err }, message),
        })
      : null;
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await backups?.close();
    await app.close();
    await database.close();
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    `HealthSync API on http://localhost:${config.port} (${database.kind}${embedded ? ` at ${config.dataDir}` : ''}) — docs at /docs`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryLockedError) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
