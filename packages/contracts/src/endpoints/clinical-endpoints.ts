import { z } from 'zod';
import { Appointment } from '../appointment';
import { IdParams } from '../common';
import {
  HealthRecord,
  HealthRecordInput,
  HealthRecordPatch,
  RecordListQuery,
} from '../health-record';
import { Patient, PatientInput, PatientListQuery, PatientPatch } from '../patient';
import { AppointmentSyncUpdate, StaleUpdateBody } from '../sync';
import { endpoint, PAGED_LIST_DESCRIPTION, type Endpoint } from './endpoint';

/** The six endpoints of a REST resource. */
export type CrudEndpoints<
  Q extends z.ZodType = z.ZodType,
  C extends z.ZodType = z.ZodType,
  U extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> = {
  list: Endpoint & { query: Q };
  create: Endpoint & { body: C };
  retrieve: Endpoint;
  replace: Endpoint & { body: U };
  update: Endpoint & { body: P };
  remove: Endpoint;
};

const CONDITIONAL_WRITE =
  "Send If-Match with the row's server_version to make the write conditional (412 if it changed).";

/** list / create (201) / retrieve / PUT / PATCH / DELETE (204) of one REST resource. */
function crudEndpoints<
  Q extends z.ZodType,
  C extends z.ZodType,
  U extends z.ZodType,
  P extends z.ZodType,
>(r: {
  path: string;
  tag: string;
  noun: string;
  row: z.ZodType;
  listQuery: Q;
  createBody: C;
  putBody: U;
  patchBody: P;
}): CrudEndpoints<Q, C, U, P> {
  const tags = [r.tag];
  const item = `${r.path}:id/`;
  const write = (method: 'PUT' | 'PATCH', summary: string) => ({
    method,
    path: item,
    tags,
    summary,
    description: CONDITIONAL_WRITE,
    params: IdParams,
    responses: { 200: r.row },
  });
  return {
    list: endpoint({
      method: 'GET',
      path: r.path,
      tags,
      summary: `List ${r.noun}s, a page at a time`,
      description: PAGED_LIST_DESCRIPTION,
      query: r.listQuery,
      responses: { 200: z.array(r.row) },
    }),
    create: endpoint({
      method: 'POST',
      path: r.path,
      tags,
      summary: `Create a ${r.noun}`,
      body: r.createBody,
      responses: { 201: r.row },
    }),
    retrieve: endpoint({
      method: 'GET',
      path: item,
      tags,
      summary: `Retrieve a ${r.noun}`,
      params: IdParams,
      responses: { 200: r.row },
    }),
    replace: { ...write('PUT', `Update a ${r.noun}`), body: r.putBody },
    update: { ...write('PATCH', `Update some fields of a ${r.noun}`), body: r.patchBody },
    remove: endpoint({
      method: 'DELETE',
      path: item,
      tags,
      summary: `Delete a ${r.noun} (kept as a tombstone so devices learn of it)`,
      params: IdParams,
      responses: { 204: z.null() },
    }),
  };
}

/** docs/api.md#patients-and-health-records */
export const PATIENT_ENDPOINTS = crudEndpoints({
  path: '/api/patients/',
  tag: 'patients',
  noun: 'patient',
  row: Patient,
  listQuery: PatientListQuery,
  createBody: PatientInput,
  putBody: PatientInput.omit({ id: true }),
  patchBody: PatientPatch,
});

export const RECORD_ENDPOINTS = crudEndpoints({
  path: '/api/records/',
  tag: 'records',
  noun: 'health record',
  row: HealthRecord,
  listQuery: RecordListQuery,
  createBody: HealthRecordInput,
  putBody: HealthRecordInput.omit({ id: true }),
  patchBody: HealthRecordPatch,
});

/** docs/api.md#appointment-sync-update */
export const APPOINTMENT_ENDPOINTS = {
  syncUpdate: endpoint({
    method: 'PUT',
    path: '/api/appointments/:id/sync_update/',
    tags: ['sync'],
    summary: 'Update an appointment edited offline',
    description:
      'Send client_last_synced_at (the updated_at your edit was based on, or the X-Last-Sync of the pull you had) or base_version. ' +
      'If the appointment changed on the server since, the edit is refused with 409 STALE_UPDATE and kept as a conflict.',
    params: IdParams,
    body: AppointmentSyncUpdate,
    responses: { 200: Appointment, 409: StaleUpdateBody },
  }),
} as const;
