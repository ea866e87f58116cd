// A phone for operations tests: @healthsync/sync-client on a memory store, talking to a real
// listening API over HTTP, with a log of what each sync request got.
import type { DownloadResponse, TokenPair } from '@healthsync/contracts';
import {
  MemoryBackend,
  createSyncClient,
  manualSignals,
  memoryTokenStore,
  openMemoryStore,
  type SyncClient,
  type TokenStore,
} from '@healthsync/sync-client';

export type PhoneRequest = {
  method: string;
  path: string;
  /** 0: no answer (the connection failed). */
  status: number;
  /** Downloads: the cursor sent, the ids of the rows received and the cursor to send next. */
  since?: string;
  received?: string[];
  next?: string;
};

export type Phone = {
  readonly client: SyncClient;
  readonly requests: PhoneRequest[];
  /** Syncs; throws when the sync ended with an error. */
  sync(): Promise<void>;
  /** The rows this phone holds of a table, by id. */
  ids(table: 'patients' | 'appointments' | 'records'): Promise<string[]>;
  /** Opens the app again on its stored data, against another server (e.g. after a move). */
  reopen(baseUrl: string): Promise<void>;
  close(): Promise<void>;
};

export async function signInOver(
  baseUrl: string,
  username: string,
  password: string,
): Promise<TokenPair> {
  const response = await fetch(`${baseUrl}/api/auth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenPair;
}

/** One authenticated JSON request, failing on any status from 300 up (204: an empty object). */
export async function callApi(
  baseUrl: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<Record<string, unknown> & { id: string }> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? {} : await response.json()) as { id: string };
}

/** A signed-in phone of `username` (password `<username>-demo` unless given). */
export async function newPhone(
  baseUrl: string,
  username: string,
  password = `${username}-demo`,
  network: (url: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<Phone> {
  const tokens: TokenStore = memoryTokenStore(await signInOver(baseUrl, username, password));
  const me = (await (
    await fetch(`${baseUrl}/api/auth/me/`, {
      headers: { authorization: `Bearer ${(await tokens.get())!.access}` },
    })
  ).json()) as { id: string; facility_id: string };
  const backend = new MemoryBackend();
  const requests: PhoneRequest[] = [];
  const loggingFetch = async (url: string, init: RequestInit) => {
    const { pathname, searchParams } = new URL(url);
    const response = await network(url, init).catch((error: unknown) => {
      requests.push({ method: init.method ?? 'GET', path: pathname, status: 0 });
      throw error;
    });
    const entry: PhoneRequest = {
      method: init.method ?? 'GET',
      path: pathname,
      status: response.status,
    };
    if (pathname.startsWith('/api/sync/download')) {
      entry.since = searchParams.get('since') ?? undefined;
      if (response.status === 200) {
        const page = (await response.clone().json()) as DownloadResponse;
        entry.received = page.changes.map((change) => change.server_id);
        entry.next = page.has_more ? page.next_cursor : page.server_time;
      }
    }
    requests.push(entry);
    return response;
  };
  const open = async (url: string) =>
    createSyncClient({
      store: await openMemoryStore({ backend }),
      baseUrl: url,
      tokens,
      fetch: loggingFetch,
      identity: () => ({ userId: me.id, facilityId: me.facility_id }),
      signals: manualSignals(true),
      pageSize: 50,
    });
  let client = await open(baseUrl);
  const phone: Phone = {
    get client() {
      return client;
    },
    requests,
    async sync() {
      const status = await client.syncNow();
      if (status.lastError) throw new Error(`sync failed: ${JSON.stringify(status.lastError)}`);
    },
    async ids(table) {
      return (await client[table].list()).map((row) => row.id).sort();
    },
    async reopen(url) {
      await client.close();
      client = await open(url);
    },
    close: () => client.close(),
  };
  return phone;
}
