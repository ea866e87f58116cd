import type { FastifyInstance } from 'fastify';
import { Patient, PatientInput, PatientListQuery, PatientPatch } from '@healthsync/contracts';
import { registerCrudRoutes } from '../../lib/crud-routes';
import { createPatient } from './create-patient';
import { deletePatient } from './delete-patient';
import { findPatientInScope } from './find-patient';
import { listPatients } from './list-patients';
import { patientToWire } from './patient-to-wire';
import { updatePatient } from './update-patient';

export default async function patientRoutes(app: FastifyInstance) {
  registerCrudRoutes(app, {
    path: '/api/patients/',
    tag: 'patients',
    noun: 'patient',
    row: Patient,
    listQuery: PatientListQuery,
    createBody: PatientInput,
    putBody: PatientInput.omit({ id: true }),
    patchBody: PatientPatch,
    list: listPatients,
    get: async (db, user, id) => patientToWire(await findPatientInScope(db, user, id)),
    create: createPatient,
    update: updatePatient,
    remove: deletePatient,
  });
}
