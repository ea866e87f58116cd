'use client';

import type { Patient } from '@healthsync/contracts';
import type { LocalRecord, SyncClient } from '@healthsync/sync-client';
import { latinDigits } from '../i18n/format';
import { useLocalQuery } from '../sync/local-query';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * Name words through the store's word index (any order, prefixes: "dev ash" finds Asha Devi);
 * a query of digits finds phone numbers containing them, through the phone index. Sorted by name.
 */
async function searchPatients(client: SyncClient, text: string): Promise<LocalRecord<Patient>[]> {
  // A phone number typed on a Hindi or Punjabi keyboard arrives as ९८७६… or ੯੮੭੬….
  const query = latinDigits(text.trim());
  const digits = digitsOf(query);
  let rows: LocalRecord<Patient>[];
  if (digits.length >= 3 && digits.length === query.replace(/[\s+-]/g, '').length) {
    rows = await client.patients.searchPhone(digits);
  } else {
    rows = await client.patients.search(query);
  }
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

export function usePatientSearch(text: string) {
  return useLocalQuery('patients', ['search', text], (client) => searchPatients(client, text), {
    keepPrevious: true,
  });
}
