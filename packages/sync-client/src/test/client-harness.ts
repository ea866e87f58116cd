import { createSyncClient } from '../client';
import type { SyncClient, SyncClientOptions } from '../client';
import { manualSignals } from '../platform-signals';
import type { SyncStore } from '../store/sync-store';
import { memoryTokenStore } from '../sync/auth';
import type { TokenStore } from '../sync/auth';
import { ManualClock } from '../clock';
import { FACILITY, USER } from './fake-server';
import type { FakeServer } from './fake-server';

export interface Harness {
  client: SyncClient;
  store: SyncStore;
  tokens: TokenStore;
  clock: ManualClock;
  signals: ReturnType<typeof manualSignals>;
}

/** A client on `store` talking to the fake server, with a hand-driven clock and signals. */
export async function harness(
  store: SyncStore,
  server: FakeServer,
  options: Partial<SyncClientOptions> & { clock?: ManualClock } = {},
): Promise<Harness> {
  const clock = options.clock ?? new ManualClock();
  const signals = manualSignals(true);
  const tokens =
    options.tokens ?? memoryTokenStore({ access: server.access, refresh: server.refresh });
  const client = await createSyncClient({
    baseUrl: 'http://api.test',
    fetch: server.fetch,
    identity: () => ({ userId: USER, facilityId: FACILITY }),
    // The hand-driven clock shows every page as instant: keep pages at the size a test asks for.
    maxPageSize: options.pageSize ?? 500,
    ...options,
    store,
    tokens,
    clock,
    signals,
  });
  return { client, store, tokens, clock, signals };
}
