import {
  FhirResourceType,
  JsonObject,
  Uuid,
  formatDate,
  isHealthRecordType,
} from '@healthsync/contracts';
import type { HealthRecord } from '@healthsync/contracts';
import { z } from 'zod';
import { newId } from '../ids';
import { parseOrThrow } from './errors';
import { newRowColumns, queryIndex, readCollection, writeEdit } from './collection';
import type { CollectionContext, ReadCollection } from './collection';
import type { LocalRecord } from './local-row';
import { toLocalRecord } from './local-row';
import { readLatestObservations } from './observation-heads';

export const RecordCreateSchema = z.strictObject({
  patient: Uuid,
  resource_type: FhirResourceType.refine(
    isHealthRecordType,
    'Not a FHIR resource type for a health record',
  ),
  /** The FHIR resource (or free-form payload) as JSON. */
  data: JsonObject,
});

export type RecordCreate = z.input<typeof RecordCreateSchema>;

export interface RecordsCollection extends ReadCollection<HealthRecord> {
  create(fields: RecordCreate): Promise<LocalRecord<HealthRecord>>;
  /** Merges `dataChanges` into the record's `data`, as the server does. */
  update(id: string, dataChanges: Record<string, unknown>): Promise<LocalRecord<HealthRecord>>;
  remove(id: string): Promise<void>;
  byPatient(patientId: string, resourceType?: string): Promise<LocalRecord<HealthRecord>[]>;
  /** Every record of one FHIR resource type, from the type index. */
  byType(resourceType: string): Promise<LocalRecord<HealthRecord>[]>;
  /**
   * Each patient's newest Observation per code set (every one of a tie), from the `observationHeads` table:
   * a few rows per patient however many readings are stored (observation-heads.ts).
   */
  latestObservations(): Promise<LocalRecord<HealthRecord>[]>;
}

export function recordsCollection(ctx: CollectionContext): RecordsCollection {
  return {
    ...readCollection(ctx, 'records'),
    async create(fields) {
      const id = newId();
      const input = parseOrThrow(RecordCreateSchema, fields);
      const { facilityId } = ctx.identity();
      const snapshot: HealthRecord = {
        ...newRowColumns(id, ctx.now(), formatDate),
        patient: input.patient,
        resource_type: input.resource_type,
        data: input.data,
        facility_id: facilityId ?? '',
      };
      // The upload's HealthRecord create: `payload.patient_id` names the patient, the rest is `data`.
      const payload = { ...input.data, id, patient_id: input.patient };
      const row = await writeEdit(ctx, 'records', id, 'create', () => ({
        resourceType: input.resource_type,
        payload,
        snapshot,
      }));
      return row as LocalRecord<HealthRecord>;
    },
    async update(id, dataChanges) {
      const payload = parseOrThrow(JsonObject, dataChanges);
      const row = await writeEdit(ctx, 'records', id, 'update', (_tx, current) => ({
        resourceType: current?.resource_type ?? 'Observation',
        payload,
      }));
      return row as LocalRecord<HealthRecord>;
    },
    async remove(id) {
      await writeEdit(ctx, 'records', id, 'delete', (_tx, current) => ({
        resourceType: current?.resource_type ?? 'Observation',
        payload: {},
      }));
    },
    async byPatient(patientId, resourceType) {
      const rows = await queryIndex(ctx, 'records', 'patient', { equals: patientId });
      return resourceType ? rows.filter((row) => row.resource_type === resourceType) : rows;
    },
    byType: (resourceType) => queryIndex(ctx, 'records', 'type', { equals: resourceType }),
    async latestObservations() {
      const rows = await readLatestObservations(ctx.store);
      return rows
        .map(toLocalRecord)
        .filter((row): row is LocalRecord<HealthRecord> => row !== undefined);
    },
  };
}
