import { z } from 'zod';
import {
  ConflictListResponse,
  DownloadChange,
  WIRE_HEADERS,
  DownloadResponse,
  endpointUrl,
  HealthSyncError,
  nextPageUrl,
  PAGE_HEADERS,
  ResolveConflictResponse,
  SYNC_ENDPOINTS,
  UploadReceipt,
} from '@healthsync/contracts';
import type { SyncConflict, UploadChange } from '@healthsync/contracts';
import { canGzip, parseWith } from './http';
import type { Http } from './http';

export interface UploadBody {
  device_id: string;
  batch_id: string;
  changes: UploadChange[];
}

export type DownloadResult =
  | { notModified: true }
  | {
      notModified: false;
      page: DownloadResponse;
      etag: string | null;
      /** The server's estimate of the rows after this page (X-Sync-Remaining), if it sent one. */
      remaining: number | null;
    };

function remainingOf(headers: Headers): number | null {
  const value = Number.parseInt(headers.get(WIRE_HEADERS.syncRemaining) ?? '', 10);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A download page as the contract has it, except that each row's `data` is only checked to be an
 * object: `applyPage` validates it against its entity's contract anyway, and walking it twice was
 * most of the page's parse (~4× slower on a 2,000-row page).
 */
const DownloadPage: z.ZodType<DownloadResponse> = DownloadResponse.extend({
  changes: z.array(
    DownloadChange.extend({
      data: z.custom<Record<string, unknown>>(isObject, 'Expected an object'),
    }),
  ),
});

/** The sync endpoints, every answer parsed with the contracts. */
export class SyncApi {
  readonly #http: Http;
  #gzip: boolean;

  constructor(http: Http, options: { gzipUploads: boolean }) {
    this.#http = http;
    this.#gzip = options.gzipUploads && canGzip();
  }

  async upload(body: UploadBody): Promise<UploadReceipt> {
    const { upload } = SYNC_ENDPOINTS;
    let response = await this.#http.request({
      method: upload.method,
      path: endpointUrl(upload),
      json: body,
      gzip: this.#gzip,
    });
    if (response.status === 415 && this.#gzip) {
      // The server does not take compressed bodies: stop trying.
      this.#gzip = false;
      response = await this.#http.request({
        method: upload.method,
        path: endpointUrl(upload),
        json: body,
      });
    }
    if (response.status !== 200)
      throw HealthSyncError.fromResponse(response.status, response.json, 'upload');
    return parseWith(UploadReceipt, response.json, 'upload');
  }

  async download(since: string, limit: number, etag: string | null): Promise<DownloadResult> {
    const { download } = SYNC_ENDPOINTS;
    const response = await this.#http.request({
      method: download.method,
      path: endpointUrl(download, {}, { since, limit }),
      ...(etag ? { headers: { 'If-None-Match': etag } } : {}),
    });
    if (response.status === 304) return { notModified: true };
    if (response.status !== 200)
      throw HealthSyncError.fromResponse(response.status, response.json, 'download');
    return {
      notModified: false,
      page: parseWith(DownloadPage, response.json, 'download'),
      etag: response.headers.get('etag'),
      remaining: remainingOf(response.headers),
    };
  }

  /** Closes a server-side conflict. 'gone' when it was already closed (another device, an admin). */
  async resolveConflict(id: string, action: 'reapply' | 'discard'): Promise<'resolved' | 'gone'> {
    const { resolveConflict } = SYNC_ENDPOINTS;
    const response = await this.#http.request({
      method: resolveConflict.method,
      path: endpointUrl(resolveConflict, { id }),
      json: { action },
    });
    if (response.status === 404 || response.status === 409) return 'gone';
    if (response.status !== 200)
      throw HealthSyncError.fromResponse(response.status, response.json, 'resolve conflict');
    parseWith(ResolveConflictResponse, response.json, 'resolve conflict');
    return 'resolved';
  }

  /** Every open conflict of the user, page after page (the list is paged: see the Link header). */
  async openConflicts(): Promise<SyncConflict[]> {
    const conflicts: SyncConflict[] = [];
    let path: string | null = endpointUrl(SYNC_ENDPOINTS.listConflicts, {}, { status: 'open' });
    while (path) {
      const response = await this.#http.request({ method: 'GET', path });
      if (response.status !== 200)
        throw HealthSyncError.fromResponse(response.status, response.json, 'list conflicts');
      conflicts.push(...parseWith(ConflictListResponse, response.json, 'list conflicts'));
      path = nextPageUrl(response.headers.get(PAGE_HEADERS.link));
    }
    return conflicts;
  }
}
