import { entityContractNamed, PatientInput, PatientPatch } from '@healthsync/contracts';
import { createPatient } from '../../patients/create-patient';
import { deletePatient } from '../../patients/delete-patient';
import { updatePatient } from '../../patients/update-patient';
import { parsePayload, withoutServerFields } from '../upload/parse-payload';
import { jsonObjectSql, syncFields } from '../wire-sql';
import type { EntityWrites, ServerEntity } from './server-entity';

const writes: EntityWrites = {
  create: (tx, ctx, payload) =>
    createPatient(tx, ctx, parsePayload(PatientInput, withoutServerFields(payload))),
  validateUpdate: (payload) => parsePayload(PatientPatch, withoutServerFields(payload)),
  update: (tx, ctx, id, validated) => updatePatient(tx, ctx, id, validated as PatientPatch),
  remove: (tx, ctx, id) => deletePatient(tx, ctx, id),
};

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
