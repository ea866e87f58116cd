import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = 'healthsync.lock';

export class DataDirectoryLockedError extends Error {
  override readonly name = 'DataDirectoryLockedError';
  readonly code = 'DATA_DIR_LOCKED';

  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly lockFile: string,
  ) {
    const holder =
      holderPid === process.pid ? 'this process' : `another HealthSync process (pid ${holderPid})`;
    super(
      `Data directory ${dataDir} is in use by ${holder}. ` +
        'Two processes on one PGlite directory corrupt it; stop the other one or set DATA_DIR.',
    );
  }
}

export interface DataDirLock {
  release(): void;
}

const heldByThisProcess = new Set<string>();

/**
 * Takes the exclusive lock on a PGlite data directory (which must exist): a file inside it holding
 * the owner's PID. A lock whose PID is dead (or is our own PID left by an earlier process, as
 * happens to PID 1 in containers) is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockFile = path.join(path.resolve(dataDir), LOCK_FILE_NAME);
  for (let attempt = 0; ; attempt++) {
    if (tryCreateLockFile(lockFile)) break;
    const holder = readHolderPid(lockFile);
    if (holder === undefined) continue; // vanished between our two calls: try again
    const live = holder === process.pid ? heldByThisProcess.has(lockFile) : isProcessAlive(holder);
    if (live || attempt > 2) throw new DataDirectoryLockedError(dataDir, holder, lockFile);
    removeIfHeldBy(lockFile, holder);
  }
  heldByThisProcess.add(lockFile);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldByThisProcess.delete(lockFile);
      removeIfHeldBy(lockFile, process.pid);
    },
  };
}

function tryCreateLockFile(lockFile: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolderPid(lockFile: string): number | undefined {
  let content: string;
  try {
    content = readFileSync(lockFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const pid = Number.parseInt(content.trim(), 10);
  // An empty or garbled file is a lock whose writer died mid-write: treat it as stale.
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

function isProcessAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfHeldBy(lockFile: string, pid: number): void {
  if (readHolderPid(lockFile) !== pid) return;
  try {
    unlinkSync(lockFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
