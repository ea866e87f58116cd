import type { FastifyInstance } from 'fastify';
import {
  HealthRecord,
  HealthRecordInput,
  HealthRecordPatch,
  RecordListQuery,
} from '@healthsync/contracts';
import { registerCrudRoutes } from '../../lib/crud-routes';
import { createRecord } from './create-record';
import { findRecordInScope } from './find-record';
import { listRecords } from './list-records';
import { recordToWire } from './record-to-wire';
import { deleteRecord, updateRecord } from './update-record';

export default async function recordRoutes(app: FastifyInstance) {
  registerCrudRoutes(app, {
    path: '/api/records/',
    tag: 'records',
    noun: 'health record',
    row: HealthRecord,
    listQuery: RecordListQuery,
    createBody: HealthRecordInput,
    putBody: HealthRecordInput.omit({ id: true }),
    patchBody: HealthRecordPatch,
    list: listRecords,
    get: async (db, user, id) => recordToWire(await findRecordInScope(db, user, id)),
    create: createRecord,
    update: updateRecord,
    remove: deleteRecord,
  });
}
