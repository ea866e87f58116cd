'use client';

import { useMemo } from 'react';
import type { z } from 'zod';
import { nextPageUrl, PAGE_HEADERS } from '@healthsync/contracts';
import type { SyncClient } from '@healthsync/sync-client';
import { loadSession } from '../session/session-storage';
import { useSyncClient } from '../sync/sync-client-provider';

/** Why an online-only call failed. `network`: no answer (offline, server down, proxy 502). */
export type ApiFailure = 'network' | 'signIn' | 'forbidden' | 'notFound' | 'invalid' | 'server';

export class ApiError extends Error {
  readonly reason: ApiFailure;
  readonly status: number | null;
  /** Field → message, from the API's `errors` map (400 validation errors, 409 taken names). */
  readonly errors: Record<string, string>;
  constructor(
    reason: ApiFailure,
    message: string,
    status: number | null = null,
    errors: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.reason = reason;
    this.status = status;
    this.errors = errors;
  }
}

type Method = 'GET' | 'POST' | 'PATCH';

function reasonOf(status: number): ApiFailure {
  if (status === 401) return 'signIn';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 400 || status === 409) return 'invalid';
  // The static server answers 502 when it cannot reach the API: as good as offline.
  if (status === 502 || status === 503 || status === 504) return 'network';
  return 'server';
}

function errorOf(status: number, body: unknown): ApiError {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const detail = typeof record.detail === 'string' ? record.detail : `HTTP ${status}`;
  const errors: Record<string, string> = {};
  if (record.errors && typeof record.errors === 'object') {
    for (const [field, message] of Object.entries(record.errors as Record<string, unknown>)) {
      if (typeof message === 'string') errors[field] = message;
    }
  }
  return new ApiError(reasonOf(status), detail, status, errors);
}

async function send(
  method: Method,
  path: string,
  access: string,
  body: unknown,
  deviceId: string | undefined,
) {
  try {
    return await fetch(path, {
      method,
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${access}`,
        // The audit log records which device an admin change came from.
        ...(deviceId ? { 'X-Device-Id': deviceId } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new ApiError('network', String(error));
  }
}

/**
 * One authenticated call with the session's access token, its body parsed with `schema`, and the
 * next page's path when the answer is a page of a list (the Link header). Tokens rotate, so this
 * code never refreshes them itself (two refreshers would race on one refresh token): on a 401 it
 * lets the sync client sync once — which renews the tokens in the same stored session — and retries.
 */
async function callApiPage<T>(
  client: SyncClient | null,
  schema: z.ZodType<T>,
  method: Method,
  path: string,
  body?: unknown,
): Promise<{ data: T; next: string | null }> {
  const first = (await loadSession())?.tokens ?? null;
  if (!first) throw new ApiError('signIn', 'Not signed in');
  let response = await send(method, path, first.access, body, client?.deviceId);
  if (response.status === 401 && client) {
    await response.body?.cancel().catch(() => undefined);
    await client.syncNow().catch(() => undefined);
    const renewed = (await loadSession())?.tokens ?? null;
    if (renewed && renewed.access !== first.access) {
      response = await send(method, path, renewed.access, body, client?.deviceId);
    }
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorOf(response.status, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('server', `Unexpected response from ${path}`);
  return { data: parsed.data, next: nextPageUrl(response.headers.get(PAGE_HEADERS.link)) };
}

/** One authenticated call (see callApiPage). */
export async function callApi<T>(
  client: SyncClient | null,
  schema: z.ZodType<T>,
  method: Method,
  path: string,
  body?: unknown,
): Promise<T> {
  return (await callApiPage(client, schema, method, path, body)).data;
}

/** Pages a list cannot hold more than: a server that keeps linking onward is broken. */
const MAX_PAGES = 200;

/** Every row of a paged list, following its Link header page after page. */
async function callApiAllPages<T>(
  client: SyncClient | null,
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

/** The API for online-only screens (administration), bound to the signed-in user's session. */
export function useAdminApi(): AdminApi {
  const client = useSyncClient();
  return useMemo(
    () => ({
      get: (schema, path) => callApi(client, schema, 'GET', path),
      getPage: (schema, path) => callApiPage(client, schema, 'GET', path),
      getAll: (schema, path) => callApiAllPages(client, schema, path),
      post: (schema, path, body) => callApi(client, schema, 'POST', path, body),
      patch: (schema, path, body) => callApi(client, schema, 'PATCH', path, body),
      refreshLocal: () => void client?.syncNow().catch(() => undefined),
    }),
    [client],
  );
}
