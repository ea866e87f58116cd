import type { Resource } from '@medplum/fhirtypes';
import type { Db } from '../../db/prisma';
import type { AuthUser } from '../../core/auth-user';
import { appointmentResourcesOf } from './appointment-to-fhir';
import { facilityToLocation, facilityToOrganization } from './facility-to-fhir';
import { practitionerToFhir } from './practitioner-to-fhir';
import { readFhirResource } from './read-fhir-resource';
import { recordToFhir } from './record-to-fhir';

/**
 * `Patient/<id>/$everything`: the patient, their appointments (with diagnoses and prescriptions),
 * every record, the doctors those name and the facility. One patient's compartment is small;
 * it is read in full.
 */
export async function patientEverything(db: Db, user: AuthUser, id: string): Promise<Resource[]> {
  const patient = await readFhirResource(db, user, 'Patient', id);
  const [appointments, records] = await Promise.all([
    db.appointment.findMany({
      where: { patientId: id, deleted: false },
      orderBy: { appointmentDate: 'asc' },
    }),
    db.healthRecord.findMany({
      where: { patientId: id, deleted: false },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  const doctorIds = [...new Set(appointments.flatMap((a) => (a.doctorId ? [a.doctorId] : [])))];
  const row = await db.patient.findUniqueOrThrow({ where: { id } });
  const [doctors, facility] = await Promise.all([
    db.doctor.findMany({ where: { id: { in: doctorIds } } }),
    db.facility.findUniqueOrThrow({ where: { id: row.facilityId } }),
  ]);
  return [
    patient,
    ...appointments.flatMap(appointmentResourcesOf),
    ...records.map(recordToFhir),
    ...doctors.map(practitionerToFhir),
    facilityToOrganization(facility),
    facilityToLocation(facility),
  ];
}
