import type { SyncCursor } from '@healthsync/contracts';
import type { PrismaClient } from '../../db/prisma';
import { checkCursor } from './cursor-param';
import { pullChanges, readPullState, type PullRequest, type PullResult } from './pull-changes';
import { readInSnapshot } from './read-in-snapshot';

export type ConditionalPull =
  | { etag: string; notModified: true; watermark: bigint }
  | ({ etag: string; notModified: false } & PullResult);

/**
 * A pull as the sync endpoints serve it, in one REPEATABLE READ snapshot: the cursor checked
 * (named `cursorName` in errors), the scope's ETag, then the page — unless `isFresh(etag)` says
 * the client already has it (304).
 */
export function pullIfChanged(
  prisma: PrismaClient,
  options: {
    cursorName: string;
    since: SyncCursor;
    pull: PullRequest;
    queryKey: string;
    isFresh: (etag: string) => boolean;
  },
): Promise<ConditionalPull> {
  return readInSnapshot(prisma, async (tx) => {
    const { etag, stamps } = await readPullState(tx, options.pull, options.queryKey);
    checkCursor(options.cursorName, options.since, stamps);
    if (options.isFresh(etag))
      return { etag, notModified: true as const, watermark: stamps.watermark };
    return {
      etag,
      notModified: false as const,
      ...(await pullChanges(tx, options.pull, stamps.watermark)),
    };
  });
}
