// rxdb-server 15.22.0 and an RxDB 15 client (memory storage) with the server replication plugin.
import { createRxDatabase, addRxPlugin } from 'rxdb/plugins/core';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateServer } from 'rxdb-server/plugins/replication-server';
import { BENCH_DIR, httpOk, startProcess } from '../procs.mjs';
import { DOC_SCHEMA } from './rxdb-schema.mjs';

export async function startRxServer(port, scale) {
  const proc = await startProcess(
    'rxdb-server',
    process.execPath,
    ['src/peers/rxdb-server-main.mjs', String(port), String(scale)],
    {
      cwd: BENCH_DIR,
      ready: httpOk(`http://127.0.0.1:${port}/healthz`),
    },
  );
  return { ...proc, url: `http://127.0.0.1:${port}/docs/0` };
}

let n = 0;
/** W1: a fresh in-memory RxDB database pulls the whole collection. */
export async function rxFirstSync(url, { batchSize = 500 } = {}) {
  const db = await createRxDatabase({
    name: `benchclient${process.pid}x${n++}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  await db.addCollections({ docs: { schema: DOC_SCHEMA } });
  const t0 = performance.now();
  const state = replicateServer({
    collection: db.docs,
    replicationIdentifier: 'bench',
    url,
    live: false,
    waitForLeadership: false,
    pull: { batchSize },
  });
  let failure = null;
  state.error$.subscribe((e) => {
    failure ??= e;
  });
  await state.awaitInitialReplication();
  const ms = performance.now() - t0;
  if (failure) throw failure;
  const rows = await db.docs.count().exec();
  await state.cancel();
  await db.remove();
  return { ms, rows };
}
