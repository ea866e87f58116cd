import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/prisma';
import { demoId } from '../demo/demo-data';
import { inTransaction } from '../lib/transaction';
import { deleteAppointment } from '../modules/appointments/delete-appointment';
import { updateAppointment } from '../modules/appointments/update-appointment';
import { syncUpdateAppointment } from '../modules/appointments/sync-update-appointment';
import type { AuthUser } from '../core/auth-user';
import { updateInventoryItem } from '../modules/inventory/update-inventory-item';
import type { WriteContext } from '../core/write-context';
import { deletePatient } from '../modules/patients/delete-patient';
import { updatePatient } from '../modules/patients/update-patient';
import { deleteRecord, updateRecord } from '../modules/records/update-record';
import { resolveConflict } from '../modules/sync/conflicts/resolve-conflict';
import { handlerFor } from '../modules/sync/upload/change-handlers';
import { createTestApp, type TestApp } from '../test/test-app';
import { seedScenario, type Scenario } from './scenario';

/**
 * A caller's write to a row outside its scope is refused as if the row did not exist — and
 * before that refusal the row was never locked: a caller of facility B cannot hold up facility
 * A's writers, nor learn from waiting on a lock that the id exists. Observed in the database:
 * after the refused call, the row's xmax is not the caller's transaction.
 */
let t: TestApp;
let s: Scenario;
const PATIENT = demoId('patient-1');
const APPOINTMENT = demoId('appointment-101');
const RECORD = demoId('observation-temp-1');
const STOCK = demoId('inventory-pharmacy-gram-medical-medicine-amoxicillin');

beforeAll(async () => {
  t = await createTestApp();
  s = await seedScenario(t);
});
afterAll(() => t.close());

const ctxOf = (user: AuthUser): WriteContext => ({
  user,
  actor: { userId: user.id, deviceId: null, requestId: null },
});

/** Runs `attempt` in a transaction and says whether it left `table`'s row `id` locked by it. */
async function locksRow(
  table: string,
  id: string,
  attempt: (tx: Db) => Promise<unknown>,
): Promise<{ locked: boolean; error: unknown }> {
  let error: unknown = null;
  const locked = await inTransaction(t.database.prisma, async (tx) => {
    await attempt(tx).catch((e: unknown) => {
      error = e;
    });
    const [row] = await tx.$queryRawUnsafe<{ mine: boolean | null }[]>(
      `SELECT t.xmax = pg_current_xact_id_if_assigned()::xid AS mine FROM "${table}" t WHERE t.id = $1::uuid`,
      id,
    );
    return row?.mine === true;
  });
  return { locked, error };
}

describe('row locks', () => {
  it('are taken in scope (the observation works: a refused write of its own row held it)', async () => {
    const worker = await t.authUser('worker');
    const { locked, error } = await locksRow('patient', PATIENT, (tx) =>
      updatePatient(tx, ctxOf(worker), PATIENT, { name: 'x' }, 999),
    );
    expect(error).toMatchObject({ status: 412 });
    expect(locked).toBe(true);
  });

  it('are never taken on a row outside the caller’s scope', async () => {
    const worker2 = await t.authUser('worker2');
    const worker = await t.authUser('worker');
    const b = ctxOf(worker2);
    const attempts: [string, string, string, (tx: Db) => Promise<unknown>][] = [
      ['update patient', 'patient', PATIENT, (tx) => updatePatient(tx, b, PATIENT, { name: 'x' })],
      ['delete patient', 'patient', PATIENT, (tx) => deletePatient(tx, b, PATIENT)],
      ['update record', 'health_record', RECORD, (tx) => updateRecord(tx, b, RECORD, { data: {} })],
      ['delete record', 'health_record', RECORD, (tx) => deleteRecord(tx, b, RECORD)],
      [
        'update appointment',
        'appointment',
        APPOINTMENT,
        (tx) => updateAppointment(tx, b, APPOINTMENT, { diagnosis: 'x' }),
      ],
      [
        'delete appointment',
        'appointment',
        APPOINTMENT,
        (tx) => deleteAppointment(tx, b, APPOINTMENT),
      ],
      [
        'sync_update',
        'appointment',
        APPOINTMENT,
        (tx) =>
          syncUpdateAppointment(tx, { ...b, deviceId: null }, APPOINTMENT, {
            base_version: 1,
            diagnosis: 'x',
          }),
      ],
      ...(
        [
          ['Patient', 'patient', PATIENT],
          ['Appointment', 'appointment', APPOINTMENT],
          ['Observation', 'health_record', RECORD],
        ] as const
      ).map(
        ([type, table, id]) =>
          [
            `upload of a ${type}`,
            table,
            id,
            async (tx: Db) => {
              if (await handlerFor(type).current(tx, worker2, id)) throw new Error('visible');
              throw new Error('refused');
            },
          ] as [string, string, string, (tx: Db) => Promise<unknown>],
      ),
      [
        "another user's conflict",
        'sync_conflict',
        s.a.conflictId,
        (tx) => resolveConflict(tx, b, s.a.conflictId, 'reapply'),
      ],
      [
        "a pharmacy's stock, by a health worker",
        'inventory_item',
        STOCK,
        (tx) => updateInventoryItem(tx, ctxOf(worker), STOCK, { quantity_available: 1 }),
      ],
    ];
    for (const [what, table, id, attempt] of attempts) {
      const { locked, error } = await locksRow(table, id, attempt);
      expect(error, what).toBeTruthy();
      expect(String(error), what).not.toContain('visible');
      expect(locked, what).toBe(false);
    }
  });
});
