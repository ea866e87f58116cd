import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/prisma';
import { createTestApp, type TestApp } from '../../test/test-app';
import { appointmentToWire } from '../appointments/appointment-to-wire';
import { doctorToWire, medicineToWire, pharmacyToWire } from '../directory/directory-to-wire';
import { inventoryInclude, inventoryToWire } from '../inventory/inventory-to-wire';
import { patientToWire } from '../patients/patient-to-wire';
import { recordToWire } from '../records/record-to-wire';
import { entityNamed, entityNames } from './entities/registry';
import type { StoredEntity } from './entities/server-entity';
import { wireJsonOfRowSql, wireRowSql } from './wire-rows';

/** Every row of an entity as the REST endpoints render it (Prisma + the *ToWire functions). */
const REST_RENDERING: Record<StoredEntity, (db: Db) => Promise<{ id: string }[]>> = {
  Patient: async (db) => (await db.patient.findMany()).map(patientToWire),
  Doctor: async (db) => (await db.doctor.findMany()).map(doctorToWire),
  Appointment: async (db) => (await db.appointment.findMany()).map(appointmentToWire),
  HealthRecord: async (db) => (await db.healthRecord.findMany()).map(recordToWire),
  Pharmacy: async (db) => (await db.pharmacy.findMany()).map(pharmacyToWire),
  Medicine: async (db) => (await db.medicine.findMany()).map(medicineToWire),
  InventoryItem: async (db) =>
    (await db.inventoryItem.findMany({ include: inventoryInclude })).map(inventoryToWire),
};

/**
 * The sync feed renders rows in PostgreSQL; the REST endpoints (and conflicts, audit entries)
 * render them with the *ToWire functions. A device must see one shape from both, to the µs.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.prisma;
  const facility = await db.facility.findFirstOrThrow();
  const patientId = randomUUID();
  // Awkward values on purpose: no dob, JSON null and non-object JSON, µs timestamps, odd text.
  await db.$executeRawUnsafe(
    `INSERT INTO patient (id, name, dob, identifiers, fhir, facility_id, created_at, last_synced_at)
     VALUES ($1::uuid, $2, NULL, '[1,2]'::jsonb, 'null'::jsonb, $3::uuid, '2026-01-02T03:04:05.678999Z', '1999-12-31T23:59:59.999999Z')`,
    patientId,
    'Zoë "Q" \\ क़ ਪੰ\n\u2028',
    facility.id,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO patient (id, name, dob, identifiers, fhir, facility_id)
     VALUES ($1::uuid, 'Dob', '0987-06-05', '{"a":{"b":[1.5,1e-7,12345678901234567]}}'::jsonb, '[]'::jsonb, $2::uuid)`,
    randomUUID(),
    facility.id,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO appointment (id, patient_id, appointment_date, facility_id, symptoms)
     VALUES ($1::uuid, $2::uuid, '2026-03-04T05:06:07.000001Z', $3::uuid, '')`,
    randomUUID(),
    patientId,
    facility.id,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO health_record (id, patient_id, resource_type, data, facility_id, deleted)
     VALUES ($1::uuid, $2::uuid, 'Observation', '"text"'::jsonb, $3::uuid, true)`,
    randomUUID(),
    patientId,
    facility.id,
  );
  await db.$executeRawUnsafe(
    `UPDATE inventory_item SET last_synced_at = '2026-05-06T07:08:09.123456Z'
     WHERE id = (SELECT id FROM inventory_item ORDER BY id LIMIT 1)`,
  );
});
afterAll(() => t.close());

describe('wire rows rendered by PostgreSQL', () => {
  it.each(entityNames())('equal the %s rows the REST endpoints render', async (entity) => {
    const { table } = entityNamed(entity);
    const db = t.database.prisma;
    const expected = await REST_RENDERING[entity](db);
    expect(expected.length).toBeGreaterThan(0);
    for (const row of expected) {
      const [rendered] = await db.$queryRawUnsafe<{ json: string }[]>(
        `SELECT ${wireRowSql(entity, '$1::uuid')} AS json`,
        row.id,
      );
      // Key order too: one shape whichever path a row took.
      expect(Object.keys(JSON.parse(rendered!.json) as object)).toEqual(Object.keys(row));
      expect(JSON.parse(rendered!.json)).toEqual(JSON.parse(JSON.stringify(row)));
      // The rendering of a row in hand (bulk writes render what they RETURN) is the same text.
      const [inHand] = await db.$queryRawUnsafe<{ json: string }[]>(
        `SELECT ${wireJsonOfRowSql(entity)} AS json FROM "${table}" t WHERE t.id = $1::uuid`,
        row.id,
      );
      expect(inHand!.json).toBe(rendered!.json);
    }
  });
});
