import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineEntity,
  INITIAL_CURSOR,
  syncedRowFields,
  Uuid,
  type DownloadResponse,
  type EntityContract,
  type UploadReceipt,
} from '@healthsync/contracts';
import type { Db } from '../../../db/prisma';
import { recordAudit } from '../../../services/record-audit';
import { createTestApp, type Caller, type TestApp } from '../../../test/test-app';
import type { WriteContext } from '../../patients/create-patient';
import { wireJsonOfRowSql } from '../wire-rows';
import { syncFields } from '../wire-sql';
import { registerEntity } from './registry';
import type { ServerEntity, StoredEntity, WireRow } from './server-entity';

/**
 * An entity that exists only here proves the generic paths — the sync feed, its per-resource
 * route, upload dispatch, locking, stale edits and the role table — take any registered entity:
 * its declaration below (contract + server part) and its table are all it needs.
 */
const NoteContract = defineEntity({
  name: 'Note',
  schema: z.object({ ...syncedRowFields, text: z.string(), facility_id: Uuid }),
  collection: 'notes',
  readers: 'clinical',
  uploadable: true,
  sync: { path: '/api/notes/sync/', summary: 'Notes changed since last_sync_timestamp' },
});

const NOTE_TABLE_SQL = [
  `CREATE TABLE test_note (
     id uuid PRIMARY KEY, text text NOT NULL, facility_id uuid NOT NULL,
     server_version int NOT NULL DEFAULT 1, stamp bigint NOT NULL DEFAULT 0,
     created_at timestamptz(6) NOT NULL DEFAULT now(), updated_at timestamptz(6) NOT NULL DEFAULT now(),
     last_synced_at timestamptz(6), deleted boolean NOT NULL DEFAULT false)`,
  `CREATE TRIGGER test_note_stamp_change BEFORE INSERT OR UPDATE ON test_note
     FOR EACH ROW EXECUTE FUNCTION stamp_change()`,
  `CREATE CONSTRAINT TRIGGER test_note_flush_stamp AFTER INSERT OR UPDATE ON test_note
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp()`,
];

async function writeNote(tx: Db, ctx: WriteContext, sql: string, ...params: unknown[]) {
  const [row] = await tx.$queryRawUnsafe<{ json: string }[]>(
    `${sql} RETURNING ${wireJsonOfRowSql('Note' as StoredEntity)} AS json`,
    ...params,
  );
  const after = JSON.parse(row!.json) as WireRow;
  await recordAudit(tx, ctx.actor, {
    action: 'write',
    entityType: 'Note',
    entityId: after.id,
    after,
  });
  return after;
}

const noteEntity: ServerEntity = {
  contract: NoteContract as unknown as EntityContract<StoredEntity>,
  table: 'test_note',
  scope: 'facility',
  wireColumns: [...syncFields(), 't.text', 't.facility_id'],
  resourceTypeOf: () => 'Note',
  writes: () => ({
    create: (tx, ctx, payload) =>
      writeNote(
        tx,
        ctx,
        `INSERT INTO test_note AS t (id, text, facility_id) VALUES ($1::uuid, $2, $3::uuid)`,
        typeof payload.id === 'string' ? payload.id : randomUUID(),
        String(payload.text),
        ctx.user.facilityId,
      ),
    validateUpdate: (payload) => ({ text: String(payload.text) }),
    update: (tx, ctx, id, validated) =>
      writeNote(
        tx,
        ctx,
        `UPDATE test_note AS t SET text = $2 WHERE id = $1::uuid`,
        id,
        (validated as { text: string }).text,
      ),
    remove: (tx, ctx, id) =>
      writeNote(tx, ctx, `UPDATE test_note AS t SET deleted = true WHERE id = $1::uuid`, id),
  }),
};

let t: TestApp;
let worker: Caller;
beforeAll(async () => {
  registerEntity(noteEntity);
  t = await createTestApp();
  for (const sql of NOTE_TABLE_SQL) await t.database.prisma.$executeRawUnsafe(sql);
  worker = await t.as('worker');
});
afterAll(() => t.close());

const upload = async (changes: unknown[]) => {
  const response = await worker.post('/api/sync/upload/', { device_id: 'note-phone', changes });
  expect(response.statusCode).toBe(200);
  return response.json<UploadReceipt>().results;
};

describe('an entity declared once', () => {
  it('is uploaded, pulled, edited and guarded by the generic paths', async () => {
    const id = randomUUID();
    const [created] = await upload([
      { operation: 'create', resource_type: 'Note', payload: { id, text: 'first' } },
    ]);
    expect(created).toMatchObject({ status: 'created', server_id: id, server_version: 1 });

    const feed = (
      await worker.get(`/api/sync/download/?since=${INITIAL_CURSOR}&limit=5000`)
    ).json<DownloadResponse>();
    const pulled = feed.changes.find((change) => change.server_id === id);
    expect(pulled).toMatchObject({ resource_type: 'Note', data: { id, text: 'first' } });

    const [stale] = await upload([
      {
        operation: 'update',
        resource_type: 'Note',
        server_id: id,
        base_version: 7,
        payload: { text: 'stale' },
      },
    ]);
    expect(stale).toMatchObject({ status: 'conflict', server_version: 1 });
    const [updated] = await upload([
      {
        operation: 'update',
        resource_type: 'Note',
        server_id: id,
        base_version: 1,
        payload: { text: 'second' },
      },
    ]);
    expect(updated).toMatchObject({ status: 'updated', server_version: 2 });

    const perResource = await worker.get('/api/notes/sync/');
    expect(perResource.statusCode).toBe(200);
    expect(perResource.json()).toEqual([
      expect.objectContaining({ id, text: 'second', server_version: 2 }),
    ]);
    // The role table: a clinical entity is not the pharmacist's.
    expect((await (await t.as('pharmacist')).get('/api/notes/sync/')).statusCode).toBe(403);
  });
});
