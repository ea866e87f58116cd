import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Development only: the generated JWT secret is kept in the data directory so tokens survive a
 * restart. Only used when no JWT_SECRET was given.
 */
export async function persistentDevSecret(dataDir: string, generated: string): Promise<string> {
  const file = join(dataDir, 'dev-jwt-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, generated, { mode: 0o600 });
    return generated;
  }
}
