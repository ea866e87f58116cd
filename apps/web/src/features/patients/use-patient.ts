'use client';

import { useLocalQuery } from '../sync/local-query';

export function usePatient(id: string | null) {
  return useLocalQuery('patients', ['one', id], async (client) =>
    id ? ((await client.patients.get(id)) ?? null) : null,
  );
}
