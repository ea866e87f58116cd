'use client';

import { useMemo } from 'react';
import type { z } from 'zod';
import { nextPageUrl, PAGE_HEADERS } from '@healthsync/contracts';
import type { HttpRequest, SyncClient } from '@healthsync/sync-client';
import { useSyncClient } from '../sync/sync-client-provider';

/**
 * One call through the sync client's request helper: the session's tokens (a 401 renews them
 * once, under the lock sync uses, so the two never race on a rotating refresh token), this
 * device's id for the audit log, and the answer parsed with `schema`. Failures are
 * HealthSyncErrors. The next page's path comes from the Link header when the answer is a page.
 */
async function callApiPage<T>(
  client: SyncClient,
  schema: z.ZodType<T>,
  method: HttpRequest['method'],
  path: string,
  body?: unknown,
): Promise<{ data: T; next: string | null }> {
  const answer = await client.request(schema, {
    method,
    path,
    cache: 'no-store',
    ...(body !== undefined ? { json: body } : {}),
  });
  return { data: answer.data, next: nextPageUrl(answer.headers.get(PAGE_HEADERS.link)) };
}

/** Pages a list cannot hold more than: a server that keeps linking onward is broken. */
const MAX_PAGES = 200;

/** Every row of a paged list, following its Link header page after page. */
async function callApiAllPages<T>(
  client: SyncClient,
  schema: z.ZodType<T[]>,
  path: string,
): Promise<T[]> {
  const rows: T[] = [];
  let next: string | null = path;
  for (let pages = 0; next && pages < MAX_PAGES; pages++) {
    const page: { data: T[]; next: string | null } = await callApiPage(client, schema, 'GET', next);
    rows.push(...page.data);
    next = page.next;
  }
  return rows;
}

export interface AdminApi {
  /** False while the sync client opens: queries wait for it (`enabled: api.ready`). */
  ready: boolean;
  get<T>(schema: z.ZodType<T>, path: string): Promise<T>;
  /** One page of a list and the path of the next one (null at the end). */
  getPage<T>(schema: z.ZodType<T[]>, path: string): Promise<{ data: T[]; next: string | null }>;
  /** Every row of a paged list (users, facilities, devices, conflicts), page by page. */
  getAll<T>(schema: z.ZodType<T[]>, path: string): Promise<T[]>;
  post<T>(schema: z.ZodType<T>, path: string, body: unknown): Promise<T>;
  patch<T>(schema: z.ZodType<T>, path: string, body: unknown): Promise<T>;
  /** Pulls now, so what an admin call changed on the server shows in the local lists. */
  refreshLocal(): void;
}

function opened(client: SyncClient | null): SyncClient {
  // Unreachable through `ready`; a mutation can only start from a screen the client rendered.
  if (!client) throw new Error('The sync client is not open yet');
  return client;
}

/** The API for online-only screens (administration), bound to the signed-in user's sync client. */
export function useAdminApi(): AdminApi {
  const client = useSyncClient();
  return useMemo(
    () => ({
      ready: client !== null,
      get: async (schema, path) => (await callApiPage(opened(client), schema, 'GET', path)).data,
      getPage: (schema, path) => callApiPage(opened(client), schema, 'GET', path),
      getAll: (schema, path) => callApiAllPages(opened(client), schema, path),
      post: async (schema, path, body) =>
        (await callApiPage(opened(client), schema, 'POST', path, body)).data,
      patch: async (schema, path, body) =>
        (await callApiPage(opened(client), schema, 'PATCH', path, body)).data,
      refreshLocal: () => void client?.syncNow().catch(() => undefined),
    }),
    [client],
  );
}
