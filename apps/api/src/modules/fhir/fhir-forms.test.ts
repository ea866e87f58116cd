import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId, FACILITY_A } from '../../demo/demo-data';
import { openTestApp, type TestApp } from '../../test/test-app';
import { appointmentResourcesOf } from './appointment-to-fhir';
import {
  facilityToLocation,
  facilityToOrganization,
  pharmacyToLocation,
  pharmacyToOrganization,
} from './facility-to-fhir';
import { fhirProblemsOf } from './fhir-validator';
import { ABHA_NUMBER_SYSTEM } from './fhir-systems';
import { patientToFhir } from './patient-to-fhir';
import { practitionerToFhir } from './practitioner-to-fhir';
import { recordToFhir } from './record-to-fhir';

let t: TestApp;
beforeAll(async () => ({ t } = await openTestApp()));
afterAll(() => t.close());

async function expectValid(resources: { resourceType: string; id?: string }[]) {
  for (const resource of resources) {
    expect({
      resource: `${resource.resourceType}/${resource.id}`,
      problems: await fhirProblemsOf(resource),
    }).toEqual({
      resource: `${resource.resourceType}/${resource.id}`,
      problems: [],
    });
  }
}

describe('FHIR forms of the demo data', () => {
  it('every row of every type becomes a valid R4 resource (checked by Medplum)', async () => {
    const db = t.database.prisma;
    const resources = [
      ...(await db.patient.findMany()).map(patientToFhir),
      ...(await db.doctor.findMany()).map(practitionerToFhir),
      ...(await db.appointment.findMany()).flatMap(appointmentResourcesOf),
      ...(await db.healthRecord.findMany()).map(recordToFhir),
      ...(await db.facility.findMany()).flatMap((f) => [
        facilityToOrganization(f),
        facilityToLocation(f),
      ]),
      ...(await db.pharmacy.findMany()).flatMap((p) => [
        pharmacyToOrganization(p),
        pharmacyToLocation(p),
      ]),
    ];
    expect(new Set(resources.map((r) => r.resourceType))).toEqual(
      new Set([
        'Patient',
        'Practitioner',
        'Appointment',
        'Condition',
        'MedicationRequest',
        'Observation',
        'Organization',
        'Location',
      ]),
    );
    await expectValid(resources);
  });

  it('a patient carries its ABHA number under the ABDM system, gender as FHIR codes, stable id and meta', async () => {
    const db = t.database.prisma;
    const row = await db.patient.update({
      where: { id: demoId('patient-1') },
      data: { identifiers: { abha: '91-1234-5678-9012', district_mrn: 'SNG-42' } },
    });
    const patient = patientToFhir(row);
    expect(patient).toMatchObject({
      id: row.id,
      gender: 'male',
      birthDate: '1978-03-14',
      name: [{ text: 'Ramesh Patil' }],
      telecom: [{ system: 'phone', value: '+91-9876543210' }],
      managingOrganization: { reference: `Organization/${FACILITY_A.id}` },
      identifier: [
        { system: ABHA_NUMBER_SYSTEM, value: '91-1234-5678-9012' },
        { system: 'urn:healthsync:identifier:district_mrn', value: 'SNG-42' },
      ],
      meta: { versionId: String(row.serverVersion) },
    });
    expect(patient.meta?.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    await expectValid([patient]);
  });

  it('a record whose data is not FHIR becomes a Basic tagged not-fhir that keeps the data', async () => {
    const db = t.database.prisma;
    const row = await db.healthRecord.create({
      data: {
        id: demoId('free-form-note'),
        patientId: demoId('patient-1'),
        resourceType: 'Observation',
        data: { patient_id: demoId('patient-1'), value: 'BP 120/80' },
        facilityId: FACILITY_A.id,
      },
    });
    const basic = recordToFhir(row);
    expect(basic).toMatchObject({ resourceType: 'Basic', meta: { tag: [{ code: 'not-fhir' }] } });
    await expectValid([basic]);
  });
});
