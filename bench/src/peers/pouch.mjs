// pouchdb-server 4.2.0 (in memory) and a PouchDB 9 client (memory adapter) replicating from it —
// the CouchDB replication protocol the Community Health Toolkit uses.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { BENCH_DIR, httpOk, startProcess } from '../procs.mjs';
import { documents } from '../dataset.mjs';

PouchDB.plugin(httpAdapter).plugin(memoryAdapter).plugin(replication);

export async function startPouchServer(port, ds) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pouch-'));
  const proc = await startProcess(
    'pouchdb-server',
    path.join(BENCH_DIR, 'node_modules/.bin/pouchdb-server'),
    [
      '--in-memory',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--no-stdout-logs',
      '--dir',
      dir,
      '--config',
      path.join(dir, 'config.json'),
    ],
    { cwd: dir, ready: httpOk(`http://127.0.0.1:${port}/`) },
  );
  const url = `http://127.0.0.1:${port}/healthsync`;
  await fetch(url, { method: 'PUT' });
  const docs = [...documents(ds)].map(({ id, ...rest }) => ({ _id: id, ...rest }));
  for (let i = 0; i < docs.length; i += 5000) {
    const r = await fetch(`${url}/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: docs.slice(i, i + 5000) }),
    });
    if (!r.ok) throw new Error(`pouchdb _bulk_docs: ${r.status} ${(await r.text()).slice(0, 300)}`);
  }
  return { ...proc, url };
}

let n = 0;
/** W1: a fresh in-memory PouchDB replicates the whole database. */
export async function pouchFirstSync(url, { batchSize = 500 } = {}) {
  const local = new PouchDB(`bench-local-${process.pid}-${n++}`, { adapter: 'memory' });
  const remote = new PouchDB(url, { adapter: 'http', skip_setup: true });
  const t0 = performance.now();
  const result = await PouchDB.replicate(remote, local, {
    batch_size: batchSize,
    batches_limit: 10,
  });
  const ms = performance.now() - t0;
  const info = await local.info();
  await local.destroy();
  await remote.close();
  return { ms, rows: info.doc_count, docsWritten: result.docs_written };
}
