import type { Resource } from '@medplum/fhirtypes';
import type { Db } from '../../db/prisma';
import { notFound } from '../../lib/errors';
import { canAccessFacility, type AuthUser } from '../../core/auth-user';
import {
  appointmentDiagnosisToFhir,
  appointmentPrescriptionToFhir,
  appointmentToFhir,
} from './appointment-to-fhir';
import {
  facilityToLocation,
  facilityToOrganization,
  pharmacyToLocation,
  pharmacyToOrganization,
} from './facility-to-fhir';
import { gone } from './operation-outcome';
import { patientToFhir } from './patient-to-fhir';
import { practitionerToFhir } from './practitioner-to-fhir';
import { isFhirRecord, recordToFhir } from './record-to-fhir';
import { isUuid } from '../../lib/uuid';

type ScopedRow = { facilityId: string | null; deleted?: boolean };

/** The row when it is in the caller's scope; 404 when missing or out of scope, 410 when deleted. */
function visible<R extends ScopedRow>(user: AuthUser, type: string, id: string, row: R | null): R {
  if (!row || (row.facilityId !== null && !canAccessFacility(user, row.facilityId))) {
    throw notFound(`No such ${type} in your scope.`);
  }
  if (row.deleted) throw gone(type, id);
  return row;
}

async function readRecord(db: Db, user: AuthUser, type: string, id: string) {
  const row = await db.healthRecord.findUnique({ where: { id } });
  const record = visible(
    user,
    type,
    id,
    row && row.resourceType === type && isFhirRecord(row) ? row : null,
  );
  return recordToFhir(record);
}

async function readPlace(db: Db, user: AuthUser, type: 'Organization' | 'Location', id: string) {
  const facility = await db.facility.findUnique({ where: { id } });
  if (facility) {
    visible(user, type, id, { facilityId: facility.id });
    return type === 'Organization'
      ? facilityToOrganization(facility)
      : facilityToLocation(facility);
  }
  const pharmacy = visible(user, type, id, await db.pharmacy.findUnique({ where: { id } }));
  return type === 'Organization' ? pharmacyToOrganization(pharmacy) : pharmacyToLocation(pharmacy);
}

/** `GET /fhir/<type>/<id>`. Ids are UUIDs: any other id is simply not known. */
export async function readFhirResource(
  db: Db,
  user: AuthUser,
  type: string,
  id: string,
): Promise<Resource> {
  if (!isUuid(id)) throw notFound(`No such ${type} in your scope.`);
  switch (type) {
    case 'Patient':
      return patientToFhir(visible(user, type, id, await db.patient.findUnique({ where: { id } })));
    case 'Practitioner':
      return practitionerToFhir(
        visible(user, type, id, await db.doctor.findUnique({ where: { id } })),
      );
    case 'Appointment':
      return appointmentToFhir(
        visible(user, type, id, await db.appointment.findUnique({ where: { id } })),
      );
    case 'Condition':
    case 'MedicationRequest': {
      const appointment = await db.appointment.findUnique({ where: { id } });
      const derived =
        appointment &&
        (type === 'Condition'
          ? appointmentDiagnosisToFhir(appointment)
          : appointmentPrescriptionToFhir(appointment));
      if (appointment && derived) {
        visible(user, type, id, appointment);
        return derived;
      }
      return readRecord(db, user, type, id);
    }
    case 'Organization':
    case 'Location':
      return readPlace(db, user, type, id);
    default:
      return readRecord(db, user, type, id);
  }
}
