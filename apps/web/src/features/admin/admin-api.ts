'use client';

import { useMemo } from 'react';
import {
  answerSchemaOf,
  endpointUrl,
  nextPageUrl,
  PAGE_HEADERS,
  type Endpoint,
  type EndpointAnswer,
} from '@healthsync/contracts';
import type { SyncClient } from '@healthsync/sync-client';
import { useSyncClient } from '../sync/sync-client-provider';

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** What a call fills in: the path's `:name` parameters, the query, the JSON body. */
export interface EndpointCall {
  params?: Readonly<Record<string, string>>;
  query?: Query;
  body?: unknown;
}

/**
 * One call through the sync client's request helper: the session's tokens (a 401 renews them
 * once, under the lock sync uses, so the two never race on a rotating refresh token), this
 * device's id for the audit log, and the answer parsed with the endpoint's schema. Failures are
 * HealthSyncErrors. The next page's URL comes from the Link header when the answer is a page.
 */
async function callPage<E extends Endpoint>(
  client: SyncClient,
  endpoint: E,
  url: string,
  body?: unknown,
): Promise<{ data: EndpointAnswer<E>; next: string | null }> {
  const answer = await client.request(answerSchemaOf(endpoint), {
    method: endpoint.method,
    path: url,
    cache: 'no-store',
    ...(body !== undefined ? { json: body } : {}),
  });
  return { data: answer.data, next: nextPageUrl(answer.headers.get(PAGE_HEADERS.link)) };
}

/** Pages a list cannot hold more than: a server that keeps linking onward is broken. */
const MAX_PAGES = 200;

/** Every row of a paged list, following its Link header page after page. */
async function callAllPages<E extends Endpoint>(
  client: SyncClient,
  endpoint: E,
  query: Query,
): Promise<EndpointAnswer<E>> {
  const rows: unknown[] = [];
  let next: string | null = endpointUrl(endpoint, {}, query);
  for (let pages = 0; next && pages < MAX_PAGES; pages++) {
    const page: { data: unknown; next: string | null } = await callPage(client, endpoint, next);
    rows.push(...(page.data as unknown[]));
    next = page.next;
  }
  return rows as EndpointAnswer<E>;
}

export interface AdminApi {
  /** False while the sync client opens: queries wait for it (`enabled: api.ready`). */
  ready: boolean;
  /** One call of a contracts endpoint (ADMIN_ENDPOINTS, SYNC_ENDPOINTS), its answer parsed. */
  call<E extends Endpoint>(endpoint: E, call?: EndpointCall): Promise<EndpointAnswer<E>>;
  /**
   * One page of a list endpoint at `url` (`endpointUrl` of its first page, or the last page's
   * `next`) and the URL of the next page (null at the end).
   */
  getPage<E extends Endpoint>(
    endpoint: E,
    url: string,
  ): Promise<{ data: EndpointAnswer<E>; next: string | null }>;
  /** Every row of a paged list (users, facilities, devices, conflicts), page by page. */
  getAll<E extends Endpoint>(endpoint: E, query?: Query): Promise<EndpointAnswer<E>>;
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
      call: async (endpoint, call = {}) =>
        (
          await callPage(
            opened(client),
            endpoint,
            endpointUrl(endpoint, call.params, call.query),
            call.body,
          )
        ).data,
      getPage: (endpoint, url) => callPage(opened(client), endpoint, url),
      getAll: (endpoint, query = {}) => callAllPages(opened(client), endpoint, query),
      refreshLocal: () => void client?.syncNow().catch(() => undefined),
    }),
    [client],
  );
}
