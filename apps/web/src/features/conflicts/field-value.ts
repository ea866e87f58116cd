import { codeLabel, recordTypeLabel } from '../i18n/code-labels';
import { formatDateTime, formatDay, formatNumber } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import type { Translate } from '../i18n/translate';
import { formatReading } from '../vitals/format-reading';
import { readObservation } from '../vitals/read-observation';
import type { TemperatureUnit } from '../vitals/temperature';

/** The kinds of record a field can point at by id. */
export type NameKind = 'patient' | 'doctor' | 'pharmacy' | 'medicine' | 'facility' | 'user';
/** id → the name a person knows it by, per kind (whatever the screen could look up). */
export type Names = Partial<Record<NameKind, Readonly<Record<string, string>>>>;

/** Fields that hold another record's id, and which kind of record. */
const ID_FIELDS: Readonly<Record<string, NameKind>> = {
  patient: 'patient',
  patient_id: 'patient',
  doctor_id: 'doctor',
  pharmacy_id: 'pharmacy',
  medicine_id: 'medicine',
  facility_id: 'facility',
  user_id: 'user',
  owner: 'user',
};

/** Fields holding a code the dictionary has words for, and the prefix of those words. */
const CODE_FIELDS: Readonly<Record<string, string>> = {
  gender: 'patient.gender',
  status: 'status',
  role: 'role',
};

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export interface FieldValueContext {
  t: Translate;
  locale: Locale;
  names: Names;
  temperatureUnit: TemperatureUnit;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A field's value as a person reads it: words for codes (Female → महिला, CONFIRMED → पक्का), names
 * for ids, dates in the phone's time zone, numbers with Indian grouping, a vital sign in words.
 */
export function formatFieldValue(field: string, value: unknown, ctx: FieldValueContext): string {
  const { t, locale } = ctx;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') {
    if (field === 'active') return t(value ? 'admin.users.active' : 'admin.users.inactive');
    return t(value ? 'common.yes' : 'common.no');
  }
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    const kind = ID_FIELDS[field];
    if (kind) return ctx.names[kind]?.[value] ?? value;
    if (field === 'resource_type') return recordTypeLabel(value, t);
    const prefix = CODE_FIELDS[field];
    if (prefix) return codeLabel(t, prefix, value) ?? value;
    if (CALENDAR_DAY.test(value)) return formatDay(locale, value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
      return formatDateTime(locale, value);
    }
    return value;
  }
  if (field === 'data' && isObject(value)) {
    const reading = readObservation(value);
    if (reading) return formatReading(reading, t, ctx.temperatureUnit);
  }
  return JSON.stringify(value);
}

/** The records these rows point at by id ("doctor:…"), each once, for a name lookup. */
export function referencedIds(
  rows: readonly (Record<string, unknown> | null | undefined)[],
): { kind: NameKind; id: string }[] {
  const seen = new Map<string, { kind: NameKind; id: string }>();
  for (const row of rows) {
    for (const [field, value] of Object.entries(row ?? {})) {
      const kind = ID_FIELDS[field];
      if (kind && typeof value === 'string') seen.set(`${kind}:${value}`, { kind, id: value });
    }
  }
  return [...seen.values()];
}
