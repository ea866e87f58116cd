// rxdb-server 15 (express adapter, memory storage) holding the dataset as one collection `docs`.
//   node rxdb-server-main.mjs <port> <scale>
import { createRxDatabase } from 'rxdb/plugins/core';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createRxServer } from 'rxdb-server/plugins/server';
import { RxServerAdapterExpress } from './rxdb-express-adapter.mjs';
import { generateDataset, documents } from '../dataset.mjs';
import { DOC_SCHEMA } from './rxdb-schema.mjs';

const [port, scale] = process.argv.slice(2);
const db = await createRxDatabase({
  name: 'benchserver',
  storage: getRxStorageMemory(),
  multiInstance: false,
});
await db.addCollections({ docs: { schema: DOC_SCHEMA } });
const all = [...documents(generateDataset({ scale: Number(scale) }))];
for (let i = 0; i < all.length; i += 5000) {
  const r = await db.docs.bulkInsert(all.slice(i, i + 5000));
  if (r.error.length) throw new Error(JSON.stringify(r.error[0]).slice(0, 500));
}
const server = await createRxServer({
  database: db,
  port: Number(port),
  hostname: '127.0.0.1',
  adapter: RxServerAdapterExpress,
});
server.addReplicationEndpoint({ name: 'docs', collection: db.docs });
server.serverApp.get('/healthz', (req, res) => res.json({ ok: true, docs: all.length }));
await server.start();
