import type { Db, PrismaClient } from '../../db/prisma';
import { Prisma } from '../../db/prisma';

/**
 * Runs a read in one REPEATABLE READ snapshot: the watermark and the rows it returns then agree.
 * Read-only, so it takes no locks that writers would wait for.
 */
export function readInSnapshot<T>(prisma: PrismaClient, fn: (tx: Db) => Promise<T>): Promise<T> {
  return prisma.$transaction(fn, {
    isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    maxWait: 30_000,
    timeout: 120_000,
  });
}
