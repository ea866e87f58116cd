import { INITIAL_CURSOR } from '@healthsync/contracts';
import type { SyncStore } from '../store/sync-store';
import { applyPage, resetForResync } from './apply-page';
import { ResyncRequiredError } from './errors';
import type { SyncApi } from './sync-api';

export interface PullContext {
  store: SyncStore;
  api: SyncApi;
  pageSize: number;
  onInvalidRow?: (issue: string) => void;
  /** Rows applied so far in this pull, after each page. */
  onProgress?: (pulled: number) => void;
  /** After a 410 reset is stored. */
  onResync?: () => void;
}

export interface PullResult {
  pulled: number;
  pages: number;
  resynced: boolean;
}

/** Pulls pages until the feed says there is no more, storing each page with its cursor. */
export async function pullChanges(ctx: PullContext): Promise<PullResult> {
  const result: PullResult = { pulled: 0, pages: 0, resynced: false };
  for (;;) {
    const { since, validator } = await ctx.store.read(async (tx) => ({
      since: (await tx.getMeta('cursor')) ?? INITIAL_CURSOR,
      validator: (await tx.getMeta('pullValidator')) ?? null,
    }));
    const etag =
      validator && validator.since === since && validator.limit === ctx.pageSize
        ? validator.etag
        : null;
    let answer;
    try {
      answer = await ctx.api.download(since, ctx.pageSize, etag);
    } catch (error) {
      // One reset per pull: a server that keeps answering 410 to the epoch cursor is broken.
      if (error instanceof ResyncRequiredError && !result.resynced) {
        await ctx.store.write(resetForResync);
        result.resynced = true;
        ctx.onResync?.();
        continue;
      }
      throw error;
    }
    if (answer.notModified) return result;
    const { page } = answer;
    await ctx.store.write((tx) =>
      applyPage(tx, page, { since, limit: ctx.pageSize, etag: answer.etag }, ctx.onInvalidRow),
    );
    result.pulled += page.changes.length;
    result.pages += 1;
    ctx.onProgress?.(result.pulled);
    if (!page.has_more) return result;
  }
}
