import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_CURSOR, type DownloadResponse, type Patient } from '@healthsync/contracts';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';
import { replicaRun } from '../../test/replica';
import { testDatabaseKind } from '../../test/test-database';

/**
 * Invariant 1: a client that keeps pulling with the cursors it was handed receives every committed
 * change exactly once — with many writers committing concurrently and out of order. A cursor of
 * `now()` or Prisma's @updatedAt fails this: a transaction that began before a read but commits
 * after it would be skipped forever.
 */
let t: TestApp, worker: Caller, admin: Caller;
beforeAll(async () => ({ t, worker, admin } = await openTestApp('worker', 'admin')));
afterAll(() => t.close());

type Seen = Map<string, number>;

/** A puller that records every (id, version) it receives and fails on a repeat or a step back. */
function puller(
  name: string,
  fetchPage: (
    cursor: string,
  ) => Promise<{ rows: { id: string; server_version: number }[]; cursor: string; more: boolean }>,
) {
  const seen: Seen = new Map();
  let cursor = INITIAL_CURSOR;
  const problems: string[] = [];
  return {
    seen,
    problems,
    async pullUntilCaughtUp() {
      for (;;) {
        const page = await fetchPage(cursor);
        for (const row of page.rows) {
          const before = seen.get(row.id) ?? 0;
          if (row.server_version <= before)
            problems.push(`${name}: ${row.id} v${row.server_version} after v${before}`);
          seen.set(row.id, row.server_version);
        }
        cursor = page.cursor;
        if (!page.more) return;
      }
    },
  };
}

const downloadPuller = (caller: Caller) =>
  puller('download', async (cursor) => {
    const response = await caller.get(
      `/api/sync/download/?since=${encodeURIComponent(cursor)}&limit=7`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<DownloadResponse>();
    const rows = body.changes
      .filter((c) => c.resource_type === 'Patient')
      .map((c) => ({ id: c.server_id, server_version: c.server_version }));
    return { rows, cursor: body.next_cursor, more: body.has_more };
  });

const patientSyncPuller = (caller: Caller) =>
  puller('patients/sync', async (cursor) => {
    const query =
      cursor === INITIAL_CURSOR ? '' : `?last_sync_timestamp=${encodeURIComponent(cursor)}&limit=5`;
    const response = await caller.get(`/api/patients/sync/${query || '?limit=5'}`);
    expect(response.statusCode).toBe(200);
    return {
      rows: response.json<Patient[]>(),
      cursor: response.headers['x-last-sync'] as string,
      more: response.headers['x-has-more'] === 'true',
    };
  });

async function finalVersions(): Promise<Seen> {
  const rows = await t.database.prisma.patient.findMany({
    where: { facilityId: (await worker.get('/api/auth/me/')).json().facility_id },
  });
  return new Map(rows.map((r) => [r.id, r.serverVersion]));
}

describe('no missed change, no repeat', () => {
  it('delivers every final version to clients pulling while 8 writers commit concurrently', async () => {
    const base = (await worker.get('/api/patients/')).json<Patient[]>();
    const targets = base.map((p) => p.id);
    const pullers = [
      downloadPuller(worker),
      patientSyncPuller(worker),
      downloadPuller(await t.as('doctor')),
    ];

    // 4 writers of single-row updates, 4 writers of multi-change upload batches.
    const single = Array.from({ length: 4 }, (_, w) => async () => {
      for (let i = 0; i < 6; i++) {
        const id = targets[(w + i) % targets.length]!;
        const response = await worker.patch(`/api/patients/${id}/`, {
          address: `writer ${w} round ${i}`,
        });
        expect(response.statusCode).toBe(200);
      }
    });
    const batches = Array.from({ length: 4 }, (_, w) => async () => {
      for (let i = 0; i < 3; i++) {
        const response = await worker.post('/api/sync/upload/', {
          device_id: `writer-${w}`,
          changes: [
            {
              operation: 'create',
              resource_type: 'Patient',
              client_temp_id: `w${w}-b${i}-1`,
              payload: { name: `Batch ${w}.${i} first` },
            },
            {
              operation: 'create',
              resource_type: 'Patient',
              client_temp_id: `w${w}-b${i}-2`,
              payload: { name: `Batch ${w}.${i} second` },
            },
          ],
        });
        expect(response.json().results.map((r: { status: string }) => r.status)).toEqual([
          'created',
          'created',
        ]);
      }
    });

    let writing = true;
    const writers = Promise.all([...single, ...batches].map((write) => write())).finally(() => {
      writing = false;
    });
    const pulling = Promise.all(
      pullers.map(async (p) => {
        while (writing) await p.pullUntilCaughtUp();
      }),
    );
    await Promise.all([writers, pulling]);
    for (const p of pullers) await p.pullUntilCaughtUp();

    const expected = await finalVersions();
    expect(expected.size).toBe(targets.length + 4 * 3 * 2);
    for (const p of pullers) {
      expect(p.problems).toEqual([]);
      expect(p.seen).toEqual(expected);
    }
    // In the replica project the pulls above went through a streaming replica (at least some:
    // a pull that found it behind waited, then read from the primary).
    if (replicaRun) expect(t.app.replicaReads.served.replica).toBeGreaterThan(0);
  });

  it.runIf(testDatabaseKind === 'postgres')(
    'delivers a change whose transaction began before a pull and committed after it',
    async () => {
      const p = downloadPuller(worker);
      await p.pullUntilCaughtUp();
      const [target] = (await worker.get('/api/patients/')).json<Patient[]>();

      let releaseWriter!: () => void;
      const pulled = new Promise<void>((resolve) => (releaseWriter = resolve));
      let stamped!: () => void;
      const written = new Promise<void>((resolve) => (stamped = resolve));
      // A slow transaction: it writes (and takes its stamp) first, and commits only after the
      // client has pulled. The pull must not see it; the next pull must.
      const slow = t.database.prisma.$transaction(async (tx) => {
        await tx.patient.update({ where: { id: target!.id }, data: { address: 'committed late' } });
        stamped();
        await pulled;
      });
      await written;
      await p.pullUntilCaughtUp();
      expect(p.seen.get(target!.id)).toBe(target!.server_version);
      releaseWriter();
      await slow;
      await p.pullUntilCaughtUp();
      expect(p.seen.get(target!.id)).toBe(target!.server_version + 1);
      expect(p.problems).toEqual([]);
    },
  );

  // Needs two real connections at once (one transaction held open while another commits), which
  // PGlite — one connection — cannot give.
  it.runIf(testDatabaseKind === 'postgres')(
    "delivers two facilities' changes once each to a spanning reader, the later one committed while the earlier is open",
    async () => {
      const p = downloadPuller(admin);
      await p.pullUntilCaughtUp();
      const [inA, inB] = await twoFacilitiesPatients();

      let releaseA!: () => void;
      const pulled = new Promise<void>((resolve) => (releaseA = resolve));
      let stampedA!: () => void;
      const written = new Promise<void>((resolve) => (stampedA = resolve));
      // Writer A (one facility) stamps its row first and stays open.
      const writerA = t.database.prisma.$transaction(async (tx) => {
        await tx.patient.update({ where: { id: inA.id }, data: { address: 'A, committed last' } });
        stampedA();
        await pulled;
      });
      await written;

      // Writer B (another facility) writes and commits meanwhile: it must not wait for A (the
      // lock_timeout turns a wait into a failure), and its stamp is above A's.
      if (t.database.kind !== 'postgres') throw new Error('PostgreSQL only');
      const writerB = await t.database.pool.connect();
      try {
        await writerB.query('BEGIN');
        await writerB.query(`SET LOCAL lock_timeout = '2s'`);
        await writerB.query(`UPDATE patient SET address = 'B, committed first' WHERE id = $1`, [
          inB.id,
        ]);
        await writerB.query('COMMIT');
      } finally {
        writerB.release();
      }

      // A reader spanning both facilities pulls while A is in flight, then again after A commits.
      await p.pullUntilCaughtUp();
      expect(p.seen.get(inA.id)).toBe(inA.serverVersion);
      releaseA();
      await writerA;
      await p.pullUntilCaughtUp();
      expect(p.seen.get(inA.id)).toBe(inA.serverVersion + 1);
      expect(p.seen.get(inB.id)).toBe(inB.serverVersion + 1);
      expect(p.problems).toEqual([]);
    },
  );

  it('never cuts a page between changes of equal stamp (two facilities may stamp the same µs)', async () => {
    const p = downloadPuller(admin); // pages of 7 changes
    await p.pullUntilCaughtUp();
    const created = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        worker.post('/api/patients/', { name: `Equal stamps ${i}` }),
      ),
    );
    const ids = created.map((response) => response.json<Patient>().id);
    // Stamps S, then S+1 for nine rows (more than a page), then S+2: a page that ends inside the
    // run must not hand out S+1 as the cursor before the whole run is delivered.
    const [row] = await t.database.prisma.$queryRawUnsafe<{ micros: bigint }[]>(
      'SELECT sync_watermark() AS micros',
    );
    const stampOf = (i: number) => BigInt(row!.micros) - 3n + (i === 0 ? 0n : i < 10 ? 1n : 2n);
    await restamp(ids.map((id, i) => ({ id, stamp: stampOf(i) })));

    await p.pullUntilCaughtUp();
    for (const id of ids) expect(p.seen.get(id)).toBe(1);
    expect(p.problems).toEqual([]);
  });
});

/** A patient of each of two facilities, as they are now. */
async function twoFacilitiesPatients() {
  const patients = await t.database.prisma.patient.findMany({ where: { deleted: false } });
  const inA = patients[0]!;
  const inB = patients.find((patient) => patient.facilityId !== inA.facilityId);
  if (!inB) throw new Error('the demo data has patients in two facilities');
  return [inA, inB] as const;
}

/**
 * Gives rows chosen stamps, as if writers of several facilities had taken them at once: the stamp
 * trigger is off for this transaction only (the test database's role owns the tables).
 */
async function restamp(rows: { id: string; stamp: bigint }[]) {
  await t.database.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE patient DISABLE TRIGGER patient_stamp_change`);
    for (const { id, stamp } of rows)
      await tx.$executeRawUnsafe(
        `UPDATE patient SET stamp = $2::bigint, updated_at = 'epoch'::timestamptz + $2::bigint * interval '1 microsecond' WHERE id = $1::uuid`,
        id,
        stamp,
      );
    await tx.$executeRawUnsafe(`SET CONSTRAINTS ALL IMMEDIATE`); // fire the deferred triggers first
    await tx.$executeRawUnsafe(`ALTER TABLE patient ENABLE TRIGGER patient_stamp_change`);
  });
}
