import type { Patient } from '@healthsync/contracts';
import type { PatientRow } from '../../db/prisma';
import { dateOnly, jsonObject, syncFieldsToWire } from '../../lib/wire';

export function patientToWire(row: PatientRow): Patient {
  return {
    ...syncFieldsToWire(row),
    owner: row.ownerId,
    name: row.name,
    dob: dateOnly(row.dob),
    gender: row.gender,
    phone_number: row.phoneNumber,
    address: row.address,
    identifiers: jsonObject(row.identifiers),
    fhir: row.fhir === null ? null : jsonObject(row.fhir),
    facility_id: row.facilityId,
  };
}
