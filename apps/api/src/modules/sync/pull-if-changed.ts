import type { SyncCursor } from '@healthsync/contracts';
import { checkCursor } from './cursor-param';
import {
  cursorAfter,
  pullChanges,
  readPullState,
  type PullRequest,
  type PullResult,
} from './pull-changes';
import { readInSnapshot, type SnapshotSource } from './read-in-snapshot';

export type ConditionalPull =
  | { etag: string; notModified: true; watermark: bigint }
  | ({ etag: string; notModified: false } & PullResult);

/**
 * A pull as the sync endpoints serve it, in one REPEATABLE READ snapshot up to the watermark read
 * before it: the cursor checked (named `cursorName` in errors), the scope's ETag, then the page —
 * unless `isFresh(etag)` says the client already has it (304).
 */
export function pullIfChanged(
  source: SnapshotSource,
  options: {
    cursorName: string;
    since: SyncCursor;
    pull: PullRequest;
    queryKey: string;
    isFresh: (etag: string) => boolean;
  },
): Promise<ConditionalPull> {
  return readInSnapshot(source, async (tx, watermark) => {
    const pull = { ...options.pull, untilMicros: watermark };
    const { etag, stamps } = await readPullState(tx, pull, options.queryKey);
    checkCursor(options.cursorName, options.since, stamps);
    if (options.isFresh(etag)) {
      const served = cursorAfter(watermark, pull.sinceMicros);
      return { etag, notModified: true as const, watermark: served };
    }
    return { etag, notModified: false as const, ...(await pullChanges(tx, pull, watermark)) };
  });
}
