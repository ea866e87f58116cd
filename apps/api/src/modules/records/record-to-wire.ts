import type { HealthRecord } from '@healthsync/contracts';
import type { HealthRecordRow } from '../../db/prisma';
import { jsonObject, syncFieldsToWire } from '../../lib/wire';

export function recordToWire(row: HealthRecordRow): HealthRecord {
  return {
    ...syncFieldsToWire(row),
    patient: row.patientId,
    resource_type: row.resourceType,
    data: jsonObject(row.data),
    facility_id: row.facilityId,
  };
}
