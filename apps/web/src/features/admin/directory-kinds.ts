'use client';

import type { QueryClient } from '@tanstack/react-query';
import { ADMIN_ENDPOINTS, type Endpoint } from '@healthsync/contracts';
import type { MessageKey } from '../i18n/messages/en';
import type { AdminApi } from './admin-api';
import { ADMIN_KEYS, useFacilities, useLocalDirectory } from './use-admin-data';

/** A field of an "add" form: free text, or a choice of facility. `name` is the body's key. */
export interface DirectoryField {
  name: string;
  label: MessageKey;
  kind?: 'text' | 'facility';
}

const LABELS = {
  name: 'admin.directory.name',
  district: 'admin.directory.district',
  address: 'admin.directory.address',
  village: 'admin.directory.village',
  strength: 'admin.directory.strength',
  form: 'admin.directory.form',
  facility_id: 'admin.users.facility',
} as const satisfies Record<string, MessageKey>;

/** The fields of a form by their body keys: `facility_id` is a choice of facility, the rest text. */
const fieldsOf = (...names: (keyof typeof LABELS)[]): DirectoryField[] =>
  names.map((name) => ({
    name,
    label: LABELS[name],
    kind: name === 'facility_id' ? 'facility' : 'text',
  }));

/** A row as the section lists it. */
export interface DirectoryRow {
  id: string;
  text: string;
}

/**
 * One kind of directory entry the admin screen lists and adds: where its rows come from, how a
 * row reads, the form's fields and the endpoint that creates one.
 */
export interface DirectoryKind {
  testId: string;
  title: MessageKey;
  addTitle: MessageKey;
  fields: readonly DirectoryField[];
  /** A React hook: the rows (from the server, or from the device where they sync). */
  useRows(): { data?: DirectoryRow[] | undefined; error: unknown };
  /** The endpoint that adds one. */
  create: Endpoint;
  /** After a create: show the new row. */
  refresh(api: AdminApi, queryClient: QueryClient): Promise<void> | void;
}

const joined = (...parts: (string | null)[]) => parts.filter(Boolean).join(' · ');

/** A list query's rows as the section shows them. */
function rowsOf<T extends { id: string }>(
  query: { data?: T[] | undefined; error: unknown },
  text: (row: T) => string,
) {
  return { data: query.data?.map((row) => ({ id: row.id, text: text(row) })), error: query.error };
}

/** Pharmacies and medicines reach their lists (and every device) through sync. */
const pullNow = (api: AdminApi) => api.refreshLocal();

export const DIRECTORY_KINDS: readonly DirectoryKind[] = [
  {
    testId: 'facilities',
    title: 'admin.directory.facilities',
    addTitle: 'admin.directory.addFacility',
    fields: fieldsOf('name', 'district'),
    useRows: () => rowsOf(useFacilities(), (f) => joined(f.name, f.district)),
    create: ADMIN_ENDPOINTS.createFacility,
    refresh: (_api, queryClient) =>
      queryClient.invalidateQueries({ queryKey: ADMIN_KEYS.facilities }),
  },
  {
    testId: 'pharmacies',
    title: 'admin.directory.pharmacies',
    addTitle: 'admin.directory.addPharmacy',
    fields: fieldsOf('name', 'address', 'village', 'facility_id'),
    useRows: () => rowsOf(useLocalDirectory().pharmacies, (p) => joined(p.name, p.village)),
    create: ADMIN_ENDPOINTS.createPharmacy,
    refresh: pullNow,
  },
  {
    testId: 'medicines',
    title: 'admin.directory.medicines',
    addTitle: 'admin.directory.addMedicine',
    fields: fieldsOf('name', 'strength', 'form'),
    useRows: () => rowsOf(useLocalDirectory().medicines, (m) => joined(m.name, m.strength, m.form)),
    create: ADMIN_ENDPOINTS.createMedicine,
    refresh: pullNow,
  },
];

/** The body of a create: the name trimmed, every other field trimmed or null when empty. */
export function createBody(
  fields: readonly DirectoryField[],
  values: Record<string, string>,
): Record<string, string | null> {
  return Object.fromEntries(
    fields.map(({ name }) => {
      const value = (values[name] ?? '').trim();
      return [name, name === 'name' ? value : value || null];
    }),
  );
}
