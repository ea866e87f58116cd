import { HealthSyncError, INITIAL_CURSOR, type DownloadResponse } from '@healthsync/contracts';
import { tableOf } from '../local/entities';
import type { PullProgress } from '../status/sync-status';
import type { SyncStore } from '../store/sync-store';
import { applyPage, resetForResync } from './apply-page';
import { nextPageSize } from './page-size';
import type { DownloadResult, SyncApi } from './sync-api';

export interface PullContext {
  store: SyncStore;
  api: SyncApi;
  /** Rows per request at the head of the feed (what the ETag of "anything new?" is keyed to). */
  pageSize: number;
  /** Continuation pages grow up to this many rows on a fast link (see page-size.ts). */
  maxPageSize: number;
  now: () => number;
  onInvalidRow?: (issue: string) => void;
  /** How far this pull has come, after each page. */
  onProgress?: (progress: PullProgress) => void;
  /** After a 410 reset is stored. */
  onResync?: () => void;
}

export interface PullResult {
  pulled: number;
  pages: number;
  resynced: boolean;
}

/** The table most of a page's rows belong to (null for an empty page). */
function mostlyAbout(page: DownloadResponse): PullProgress['table'] {
  const counts = new Map<PullProgress['table'], number>();
  for (const change of page.changes) {
    const table = tableOf(change.resource_type);
    counts.set(table, (counts.get(table) ?? 0) + 1);
  }
  let best: PullProgress['table'] = null;
  for (const [table, count] of counts) if (count > (counts.get(best) ?? 0)) best = table;
  return best;
}

/**
 * Pulls pages until the feed says there is no more, storing each page with its cursor. While a
 * page is applied, the next one is already being fetched (its cursor is in the page), so the
 * server's time and ours overlap; a prefetched page is still applied only after the one before it.
 */
export async function pullChanges(ctx: PullContext): Promise<PullResult> {
  const result: PullResult = { pulled: 0, pages: 0, resynced: false };
  let prefetched: { since: string; answer: Promise<DownloadResult> } | null = null;
  let nextLimit = ctx.pageSize;
  /** A download that also sizes the page after it, from how fast this one came. */
  const timedDownload = async (since: string, limit: number, etag: string | null) => {
    const started = ctx.now();
    const answer = await ctx.api.download(since, limit, etag);
    if (!answer.notModified) {
      nextLimit = nextPageSize(answer.page.changes.length, ctx.now() - started, {
        min: ctx.pageSize,
        max: ctx.maxPageSize,
      });
    }
    return answer;
  };
  for (;;) {
    const { since, validator } = await ctx.store.read(async (tx) => ({
      since: (await tx.getMeta('cursor')) ?? INITIAL_CURSOR,
      validator: (await tx.getMeta('pullValidator')) ?? null,
    }));
    const etag =
      validator && validator.since === since && validator.limit === ctx.pageSize
        ? validator.etag
        : null;
    let answer: DownloadResult;
    try {
      const ahead: { since: string; answer: Promise<DownloadResult> } | null = prefetched;
      prefetched = null;
      answer = await (ahead?.since === since
        ? ahead.answer
        : timedDownload(since, ctx.pageSize, etag));
    } catch (error) {
      // One reset per pull: a server that keeps answering 410 to the epoch cursor is broken.
      if (error instanceof HealthSyncError && error.kind === 'resync' && !result.resynced) {
        await ctx.store.write(resetForResync);
        result.resynced = true;
        ctx.onResync?.();
        continue;
      }
      throw error;
    }
    if (answer.notModified) return result;
    const page: DownloadResponse = answer.page;
    if (page.has_more) {
      const next = timedDownload(page.next_cursor, nextLimit, null);
      next.catch(() => {}); // settled when its turn comes, or dropped with this pull
      prefetched = { since: page.next_cursor, answer: next };
    }
    await ctx.store.write((tx) =>
      applyPage(tx, page, { since, limit: ctx.pageSize, etag: answer.etag }, ctx.onInvalidRow),
    );
    result.pulled += page.changes.length;
    result.pages += 1;
    ctx.onProgress?.({
      pulled: result.pulled,
      total:
        answer.remaining !== null
          ? result.pulled + answer.remaining
          : page.has_more
            ? null // a server without the estimate
            : result.pulled,
      table: mostlyAbout(page),
    });
    if (!page.has_more) return result;
  }
}
