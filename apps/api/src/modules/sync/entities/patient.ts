import { entityContractNamed, PatientInput, PatientPatch } from '@healthsync/contracts';
import { createPatient } from '../../patients/create-patient';
import { deletePatient } from '../../patients/delete-patient';
import { updatePatient } from '../../patients/update-patient';
import { jsonObjectSql, syncFields } from '../wire-sql';
import { payloadWrites } from './payload-writes';
import type { ServerEntity } from './server-entity';

const writes = payloadWrites({
  input: PatientInput,
  patch: PatientPatch,
  create: createPatient,
  update: updatePatient,
  remove: deletePatient,
});

export const patientEntity: ServerEntity = {
  contract: entityContractNamed('Patient'),
  table: 'patient',
  scope: 'facility',
  wireColumns: [
    ...syncFields(),
    't.owner_id AS owner',
    't.name',
    `to_char(t.dob, 'YYYY-MM-DD') AS dob`,
    't.gender',
    't.phone_number',
    't.address',
    `${jsonObjectSql('t.identifiers')} AS identifiers`,
    `CASE WHEN t.fhir IS NULL OR jsonb_typeof(t.fhir) = 'null' THEN NULL ELSE ${jsonObjectSql('t.fhir')} END AS fhir`,
    't.facility_id',
  ],
  resourceTypeOf: () => 'Patient',
  writes: () => writes,
};
