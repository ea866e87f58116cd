import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../test/test-database';
import type { TestDatabase } from '../test/test-database';

let database: TestDatabase;
let facilityId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  facilityId = randomUUID();
  await database.prisma.facility.create({ data: { id: facilityId, name: 'Stamp clinic' } });
});
afterAll(() => database?.close());

interface StampRow {
  id: string;
  stamp: string;
  /** updated_at in UTC with microseconds, as text so no precision is lost. */
  updated_at: string;
  server_version: number;
}

async function readStamps(ids: string[]): Promise<StampRow[]> {
  const rows = await database.query<StampRow>(
    `SELECT id::text, stamp::text,
            to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS updated_at,
            server_version
       FROM patient WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return ids.map((id) => rows.find((row) => row.id === id)!);
}

function microsecondsSinceEpoch(utc: string): bigint {
  const [seconds, fraction] = utc.split('.');
  return BigInt(Date.parse(`${seconds}Z`)) * 1000n + BigInt(fraction!);
}

function expectStrictlyIncreasing(stamps: bigint[]) {
  for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
}

function newPatients(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    name: `Patient ${i}`,
    facilityId,
  }));
}

describe('change stamps', () => {
  it('gives each row of one transaction its own increasing stamp, equal to updated_at in µs', async () => {
    const patients = newPatients(5);
    await database.prisma.patient.createMany({ data: patients });
    const rows = await readStamps(patients.map((patient) => patient.id));

    const stamps = rows.map((row) => BigInt(row.stamp));
    expectStrictlyIncreasing(stamps);
    for (const row of rows) {
      expect(BigInt(row.stamp)).toBe(microsecondsSinceEpoch(row.updated_at));
      expect(row.server_version).toBe(1);
    }
  });

  it('leaves sync_clock at the highest stamp of the committed transaction', async () => {
    const patients = newPatients(50);
    await database.prisma.patient.createMany({ data: patients });
    const stamps = (await readStamps(patients.map((patient) => patient.id))).map((row) =>
      BigInt(row.stamp),
    );
    const [clock] = await database.query<{ micros: string }>(
      `SELECT ((extract(epoch FROM max(last)) * 1000000)::bigint)::text AS micros FROM sync_clock`,
    );
    expect(BigInt(clock!.micros)).toBe(stamps.reduce((a, b) => (a > b ? a : b)));
    // A savepoint rolled back mid-transaction takes its stamps with it; later ones still rise.
    const [first, second] = newPatients(2);
    await database.prisma.$transaction(async (tx) => {
      await tx.patient.create({ data: first! });
      await tx.$executeRawUnsafe('SAVEPOINT s');
      await tx.patient.create({ data: { ...second!, id: randomUUID() } });
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT s');
      await tx.patient.create({ data: second! });
    });
    const [a, b] = await readStamps([first!.id, second!.id]);
    expect(BigInt(b!.stamp) > BigInt(a!.stamp)).toBe(true);
    expect(BigInt(a!.stamp) > stamps.at(-1)!).toBe(true);
  });

  it('increases across transactions and bumps server_version by one per update', async () => {
    const [patient] = newPatients(1);
    const created = await database.prisma.patient.create({ data: patient! });
    expect(created.serverVersion).toBe(1);

    const versions = [created.serverVersion];
    const stamps = [created.stamp];
    for (let i = 0; i < 3; i++) {
      const updated = await database.prisma.patient.update({
        where: { id: patient!.id },
        // The trigger owns these columns: whatever the application sends is overwritten.
        data: {
          name: `Renamed ${i}`,
          serverVersion: 100,
          createdAt: new Date('2000-01-01T00:00:00Z'),
        },
      });
      versions.push(updated.serverVersion);
      stamps.push(updated.stamp);
      expect(updated.createdAt).toEqual(created.createdAt);
    }
    expect(versions).toEqual([1, 2, 3, 4]);
    expectStrictlyIncreasing(stamps);
  });

  it('is unique across many single-row transactions', async () => {
    const patients = newPatients(30);
    for (const patient of patients) await database.prisma.patient.create({ data: patient });
    const stamps = (await readStamps(patients.map((patient) => patient.id))).map((row) =>
      BigInt(row.stamp),
    );
    expect(new Set(stamps).size).toBe(stamps.length);
    expectStrictlyIncreasing(stamps);
  });
});

describe.runIf(testDatabaseKind === 'postgres')(
  'change stamps under concurrent writers (PostgreSQL)',
  () => {
    const insertPatient =
      'INSERT INTO patient (id, name, facility_id) VALUES ($1, $2, $3) RETURNING stamp::text';

    async function connection() {
      if (database.kind !== 'postgres') throw new Error('PostgreSQL only');
      return database.pool.connect();
    }

    it('orders stamps by commit: a transaction that wrote first but commits last gets the larger stamp', async () => {
      const t1 = await connection();
      const t2 = await connection();
      try {
        await t1.query('BEGIN');
        // T1 writes first (a non-synced row) and so is under way before T2 starts.
        await t1.query(
          "INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('test', 'patient', 'x')",
        );
        const t1Start = await t1.query<{ now: string }>('SELECT now()::text AS now');

        await t2.query('BEGIN');
        const t2Stamp = (
          await t2.query<{ stamp: string }>(insertPatient, [randomUUID(), 'T2', facilityId])
        ).rows[0]!;
        await t2.query('COMMIT');

        const t1Stamp = (
          await t1.query<{ stamp: string }>(insertPatient, [randomUUID(), 'T1', facilityId])
        ).rows[0]!;
        await t1.query('COMMIT');

        expect(BigInt(t1Stamp.stamp) > BigInt(t2Stamp.stamp)).toBe(true);
        // now() would have ordered them the other way round: T1's transaction started first.
        const t1StartMicros = (
          await database.query<{ micros: string }>(
            'SELECT (extract(epoch FROM $1::timestamptz) * 1000000)::bigint::text AS micros',
            [t1Start.rows[0]!.now],
          )
        )[0]!.micros;
        expect(BigInt(t1StartMicros) < BigInt(t2Stamp.stamp)).toBe(true);
      } finally {
        t1.release();
        t2.release();
      }
    });

    it('makes a second writer wait for the first to commit, so its stamp is larger', async () => {
      const t1 = await connection();
      const t2 = await connection();
      try {
        await t1.query('BEGIN');
        const t1Stamp = (
          await t1.query<{ stamp: string }>(insertPatient, [randomUUID(), 'T1', facilityId])
        ).rows[0]!;

        await t2.query('BEGIN');
        let t2Done = false;
        const t2Insert = t2
          .query<{ stamp: string }>(insertPatient, [randomUUID(), 'T2', facilityId])
          .then((result) => {
            t2Done = true;
            return result.rows[0]!;
          });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(t2Done).toBe(false); // blocked on the sync_clock row held by T1

        await t1.query('COMMIT');
        const t2Stamp = await t2Insert;
        await t2.query('COMMIT');
        expect(BigInt(t2Stamp.stamp) > BigInt(t1Stamp.stamp)).toBe(true);
      } finally {
        t1.release();
        t2.release();
      }
    });
  },
);
