import { AppointmentInput, timestampToDate } from '@healthsync/contracts';
import { idTaken } from '../../../lib/new-row-id';
import { applied, rejectedOutcome } from './change-outcomes';
import {
  acceptCreate,
  lockClientIds,
  type BulkItem,
  type BulkResult,
  type BulkWriter,
} from './bulk-writer';
import { doctorRefusal, patientRefusal } from './decisions';
import { readOwners } from './read-owners';
import { writeRunWithAudit } from './write-run-with-audit';

const INSERT_APPOINTMENTS_SQL = `
  INSERT INTO appointment (id, patient_id, doctor_id, appointment_date, status, symptoms,
                           diagnosis, prescription, follow_up_date, facility_id, last_synced_at)
  SELECT c.id, c.patient_id, c.doctor_id, c.appointment_date, c.status::"AppointmentStatus",
         c.symptoms, c.diagnosis, c.prescription, c.follow_up_date::date, c.facility_id,
         $2::timestamptz
    FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, patient_id uuid, doctor_id uuid,
         appointment_date timestamptz, status text, symptoms text, diagnosis text,
         prescription text, follow_up_date text, facility_id uuid)
  RETURNING *, NULL::jsonb AS audit_before`;

const lower = (id: string | null | undefined) => id?.toLowerCase() ?? null;

/**
 * New appointments: their patients and doctors read in two queries, then one statement inserts the
 * run and its audit rows. The checks and their order are `createAppointment`'s.
 */
export const createAppointmentsInBulk: BulkWriter<AppointmentInput> = {
  entity: 'Appointment',
  operation: 'create',

  accept: (change, user) => acceptCreate('Appointment', AppointmentInput, change, user),

  async write(tx, ctx, items) {
    const result: BulkResult = { outcomes: new Map(), declined: [] };
    const existing = await lockClientIds(tx, 'Appointment', ctx.user, items);
    const patients = await readOwners(tx, 'patient', [
      ...new Set(items.map((item) => lower(item.input.patient_id)!)),
    ]);
    const doctors = await readOwners(tx, 'doctor', [
      ...new Set(items.flatMap((item) => lower(item.input.doctor_id) ?? [])),
    ]);

    const inserts: { item: BulkItem<AppointmentInput>; facilityId: string }[] = [];
    for (const item of items) {
      const { index, raw, input } = item;
      const reject = (error: unknown) =>
        result.outcomes.set(index, rejectedOutcome(index, raw, 'Appointment', error));
      // The same create arriving again (its client id is already a row in scope).
      const again = existing.inScope.get(item.rowId);
      if (again) {
        result.outcomes.set(index, applied(index, raw, 'created', again.row));
        continue;
      }
      const patient = patients.get(lower(input.patient_id)!);
      const refusal =
        patientRefusal(ctx.user, patient, 'patient_id') ??
        doctorRefusal(input.doctor_id, doctors.get(lower(input.doctor_id)!), patient!.facilityId);
      if (refusal) {
        reject(refusal);
        continue;
      }
      if (existing.elsewhere.has(item.rowId)) {
        reject(idTaken(item.rowId));
        continue;
      }
      inserts.push({ item, facilityId: patient!.facilityId });
    }
    await writeRunWithAudit(
      tx,
      ctx,
      {
        entity: 'Appointment',
        action: 'create',
        sql: INSERT_APPOINTMENTS_SQL,
        rows: inserts.map(({ item, facilityId }) => ({
          item,
          row: {
            id: item.rowId,
            patient_id: item.input.patient_id,
            doctor_id: item.input.doctor_id ?? null,
            appointment_date: timestampToDate(item.input.appointment_date).toISOString(),
            status: item.input.status ?? 'PENDING',
            symptoms: item.input.symptoms ?? null,
            diagnosis: item.input.diagnosis ?? null,
            prescription: item.input.prescription ?? null,
            follow_up_date: item.input.follow_up_date ?? null,
            facility_id: facilityId,
          },
        })),
      },
      result,
    );
    return result;
  },
};
