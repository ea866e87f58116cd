import type { Identifier, Patient } from '@medplum/fhirtypes';
import type { PatientRow } from '../../db/prisma';
import { dateOnly, jsonObject } from '../../lib/wire';
import { metaOf, reference } from './fhir-meta';
import {
  ABHA_ADDRESS_KEYS,
  ABHA_ADDRESS_SYSTEM,
  ABHA_NUMBER_KEYS,
  ABHA_NUMBER_SYSTEM,
  LOCAL_IDENTIFIER_PREFIX,
} from './fhir-systems';

/** The identifier system a key of `identifiers` stands for. */
export function identifierSystemOf(key: string): string {
  if (ABHA_NUMBER_KEYS.includes(key)) return ABHA_NUMBER_SYSTEM;
  if (ABHA_ADDRESS_KEYS.includes(key)) return ABHA_ADDRESS_SYSTEM;
  return LOCAL_IDENTIFIER_PREFIX + key;
}

/** The keys of `identifiers` that stand for `system` (several for ABHA; one otherwise). */
export function identifierKeysOf(system: string): string[] {
  if (system === ABHA_NUMBER_SYSTEM) return ABHA_NUMBER_KEYS;
  if (system === ABHA_ADDRESS_SYSTEM) return ABHA_ADDRESS_KEYS;
  return system.startsWith(LOCAL_IDENTIFIER_PREFIX)
    ? [system.slice(LOCAL_IDENTIFIER_PREFIX.length)]
    : [];
}

function identifiersOf(value: unknown): Identifier[] {
  const identifiers: Identifier[] = [];
  for (const [key, raw] of Object.entries(jsonObject(value))) {
    if ((typeof raw !== 'string' && typeof raw !== 'number') || String(raw).trim() === '') continue;
    identifiers.push({ system: identifierSystemOf(key), value: String(raw).trim() });
  }
  return identifiers;
}

/** FHIR's administrative gender from the free text the API stores (`Male`, `F`, …). */
export function fhirGenderOf(gender: string | null): Patient['gender'] {
  const text = gender?.trim().toLowerCase();
  if (!text) return undefined;
  if (text === 'male' || text === 'm') return 'male';
  if (text === 'female' || text === 'f') return 'female';
  if (text === 'unknown' || text === 'u') return 'unknown';
  return 'other';
}

/**
 * A patient row as a FHIR R4 Patient. The name is one free-text field, so it goes to
 * `name.text` (splitting it into given/family would guess). `fhir` (client-supplied JSON) is not
 * merged: the resource is derived from the row's own columns only.
 */
export function patientToFhir(row: PatientRow): Patient {
  const identifier = identifiersOf(row.identifiers);
  const gender = fhirGenderOf(row.gender);
  const birthDate = dateOnly(row.dob);
  return {
    resourceType: 'Patient',
    id: row.id,
    meta: metaOf(row),
    ...(identifier.length ? { identifier } : {}),
    active: true,
    name: [{ text: row.name }],
    ...(row.phoneNumber ? { telecom: [{ system: 'phone', value: row.phoneNumber }] } : {}),
    ...(gender ? { gender } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(row.address ? { address: [{ text: row.address }] } : {}),
    managingOrganization: reference('Organization', row.facilityId),
  };
}
