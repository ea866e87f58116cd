import { PatientInput, PatientPatch, formatDate } from '@healthsync/contracts';
import type { Patient } from '@healthsync/contracts';
import type { z } from 'zod';
import { newId } from '../ids';
import { wordsOf } from './entities';
import { parseOrThrow } from './errors';
import {
  newRowColumns,
  readCollection,
  searchIndexPrefix,
  searchWords,
  writeEdit,
} from './collection';
import type { CollectionContext, ReadCollection } from './collection';
import type { LocalRecord } from './local-row';

export type PatientCreate = Omit<z.input<typeof PatientInput>, 'id'>;
export type PatientChanges = z.input<typeof PatientPatch>;

export interface PatientsCollection extends ReadCollection<Patient> {
  create(fields: PatientCreate): Promise<LocalRecord<Patient>>;
  update(id: string, changes: PatientChanges): Promise<LocalRecord<Patient>>;
  remove(id: string): Promise<void>;
  /** Patients whose name has words starting with each word of `text`. */
  search(text: string): Promise<LocalRecord<Patient>[]>;
  /** Patients whose phone number contains these digits (3 or more; other characters ignored). */
  searchPhone(text: string): Promise<LocalRecord<Patient>[]>;
}

export function patientsCollection(ctx: CollectionContext): PatientsCollection {
  return {
    ...readCollection(ctx, 'patients'),
    async create(fields) {
      const id = newId();
      const input = parseOrThrow(PatientInput, { ...fields, id });
      const { userId, facilityId } = ctx.identity();
      const snapshot: Patient = {
        ...newRowColumns(id, ctx.now(), formatDate),
        owner: userId,
        name: input.name,
        dob: input.dob ?? null,
        gender: input.gender ?? null,
        phone_number: input.phone_number ?? null,
        address: input.address ?? null,
        identifiers: input.identifiers ?? {},
        fhir: input.fhir ?? null,
        facility_id: input.facility_id ?? facilityId ?? '',
      };
      const row = await writeEdit(ctx, 'patients', id, 'create', () => ({
        resourceType: 'Patient',
        payload: input,
        snapshot,
      }));
      return row as LocalRecord<Patient>;
    },
    async update(id, changes) {
      const payload = parseOrThrow(PatientPatch, changes);
      const row = await writeEdit(ctx, 'patients', id, 'update', () => ({
        resourceType: 'Patient',
        payload,
      }));
      return row as LocalRecord<Patient>;
    },
    async remove(id) {
      await writeEdit(ctx, 'patients', id, 'delete', () => ({
        resourceType: 'Patient',
        payload: {},
      }));
    },
    search: (text) => searchWords(ctx, 'patients', text, (t) => wordsOf(t)),
    async searchPhone(text) {
      const digits = text.replace(/\D/g, '');
      if (digits.length < 3) return [];
      return searchIndexPrefix(ctx, 'patients', 'phone', digits);
    },
  };
}
