'use client';

import { useLocalQuery } from '../sync/local-query';

export function usePatientRecords(patientId: string) {
  return useLocalQuery('records', ['patient', patientId], (client) =>
    client.records.byPatient(patientId),
  );
}
