// Child process for the data-directory lock test: opens the PGlite directory given as argument.
// Exit code 3 and the error's message on stderr when the directory is locked.
import { DataDirectoryLockedError, openDatabase } from '../db/open-database';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: open-data-dir.ts <dataDir>');
try {
  const database = await openDatabase({ dataDir });
  console.log(`opened ${dataDir}`);
  await database.close();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof DataDirectoryLockedError ? 3 : 1);
}
