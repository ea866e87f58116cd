import type { FastifyInstance } from 'fastify';
import { RECORD_ENDPOINTS } from '@healthsync/contracts';
import { registerCrudRoutes } from '../../lib/crud-routes';
import { createRecord } from './create-record';
import { findRecordInScope } from './find-record';
import { listRecords } from './list-records';
import { recordToWire } from './record-to-wire';
import { deleteRecord, updateRecord } from './update-record';

export default async function recordRoutes(app: FastifyInstance) {
  registerCrudRoutes(app, {
    endpoints: RECORD_ENDPOINTS,
    list: listRecords,
    get: async (db, user, id) => recordToWire(await findRecordInScope(db, user, id)),
    create: createRecord,
    update: updateRecord,
    remove: deleteRecord,
  });
}
