import type { Db } from '../../db/prisma';
import { auditActorParams, auditedWriteSql, type AuditActor } from '../../services/record-audit';
import type { StoredEntity } from '../sync/entities/server-entity';
import { wireJsonOfRowSql } from '../sync/wire-rows';

/** The rows that belong to a patient and live in its facility. */
const DEPENDENTS: { entity: StoredEntity; table: string }[] = [
  { entity: 'Appointment', table: 'appointment' },
  { entity: 'HealthRecord', table: 'health_record' },
];

/**
 * A patient's appointments and records follow it to its new facility: each moved row is stamped
 * (the old facility's devices get a removal) and audited like any other write, in one statement
 * per table. Call inside the patient's transaction, with the patient row locked.
 */
export async function movePatientRows(
  tx: Db,
  actor: AuditActor,
  patientId: string,
  facilityId: string,
): Promise<void> {
  for (const { entity, table } of DEPENDENTS) {
    await tx.$queryRawUnsafe(
      auditedWriteSql(
        entity,
        'update',
        `UPDATE "${table}" u SET facility_id = $2::uuid
           FROM (SELECT t.id, ${wireJsonOfRowSql(entity)}::jsonb AS before FROM "${table}" t
                  WHERE t.patient_id = $1::uuid AND t.facility_id <> $2::uuid
                  ORDER BY t.id FOR UPDATE) old
          WHERE u.id = old.id
         RETURNING u.*, old.before AS audit_before`,
      ),
      patientId,
      facilityId,
      ...auditActorParams(actor),
    );
  }
}
