import type { FastifyInstance } from 'fastify';
import { PATIENT_ENDPOINTS } from '@healthsync/contracts';
import { registerCrudRoutes } from '../../lib/crud-routes';
import { createPatient } from './create-patient';
import { deletePatient } from './delete-patient';
import { findPatientInScope } from './find-patient';
import { listPatients } from './list-patients';
import { patientToWire } from './patient-to-wire';
import { updatePatient } from './update-patient';

export default async function patientRoutes(app: FastifyInstance) {
  registerCrudRoutes(app, {
    endpoints: PATIENT_ENDPOINTS,
    list: listPatients,
    get: async (db, user, id) => patientToWire(await findPatientInScope(db, user, id)),
    create: createPatient,
    update: updatePatient,
    remove: deletePatient,
  });
}
