import { Prisma } from '../../db/prisma';
import { isUuid } from '../../lib/uuid';
import { HealthSyncError } from '../../lib/errors';

/** A bad search value: 400 naming the parameter (an OperationOutcome on /fhir). */
export const badParam = (name: string, message: string) =>
  HealthSyncError.validation({ [name]: message });

/** Comma-separated alternatives of one value (OR), as FHIR writes them. */
export const alternativesOf = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** A parameter's values (repeated = AND); FHIR ignores a parameter given with an empty value. */
export const valuesOf = (value: string | string[] | undefined): string[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(
    (v) => alternativesOf(v).length > 0,
  );

const PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb'] as const;
type Prefix = (typeof PREFIXES)[number];

const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** The instant range a FHIR date value covers: `2024` is all of 2024, `2024-03-01` one day. */
export function dateRange(name: string, text: string): { start: Date; end: Date } {
  const match = DATE.exec(text);
  if (!match) {
    throw badParam(
      name,
      `"${text}" is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with a zone).`,
    );
  }
  const [, y, m, d, hh] = match;
  if (hh !== undefined) {
    const start = new Date(text);
    if (Number.isNaN(start.getTime())) throw badParam(name, `"${text}" is not a valid instant.`);
    const precisionMs = match[7] ? 1 : match[6] ? 1000 : 60_000;
    return { start, end: new Date(start.getTime() + precisionMs) };
  }
  const year = Number(y);
  const month = m ? Number(m) - 1 : 0;
  const day = d ? Number(d) : 1;
  const start = new Date(Date.UTC(year, month, day));
  if (start.getUTCMonth() !== month || start.getUTCDate() !== day) {
    throw badParam(name, `"${text}" is not a date that exists.`);
  }
  const end = d
    ? new Date(Date.UTC(year, month, day + 1))
    : m
      ? new Date(Date.UTC(year, month + 1, 1))
      : new Date(Date.UTC(year + 1, 0, 1));
  return { start, end };
}

/**
 * One date parameter value (`ge2024-01-01`) as a condition on `column` (a timestamptz or date
 * expression): the column's instant compared with the range the value covers.
 */
export function dateCondition(name: string, column: Prisma.Sql, value: string): Prisma.Sql {
  const prefix = PREFIXES.find((p) => value.startsWith(p) && /^\d/.test(value.slice(2)));
  const op: Prefix = prefix ?? 'eq';
  const { start, end } = dateRange(name, prefix ? value.slice(2) : value);
  switch (op) {
    case 'eq':
      return Prisma.sql`(${column} >= ${start} AND ${column} < ${end})`;
    case 'ne':
      return Prisma.sql`NOT (${column} >= ${start} AND ${column} < ${end})`;
    case 'gt':
    case 'sa':
      return Prisma.sql`${column} >= ${end}`;
    case 'ge':
      return Prisma.sql`${column} >= ${start}`;
    case 'lt':
    case 'eb':
      return Prisma.sql`${column} < ${start}`;
    case 'le':
      return Prisma.sql`${column} < ${end}`;
  }
}

/** Every value of a date parameter, ANDed. */
export const dateConditions = (
  name: string,
  column: Prisma.Sql,
  raw: string | string[] | undefined,
) => valuesOf(raw).map((value) => dateCondition(name, column, value));

/** `_id` (and reference) values: ids that are not UUIDs match nothing rather than erring. */
export function idCondition(column: Prisma.Sql, raw: string | string[] | undefined): Prisma.Sql[] {
  return valuesOf(raw).map((value) => {
    const ids = alternativesOf(value).filter(isUuid);
    return ids.length
      ? Prisma.sql`${column} IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`
      : Prisma.sql`FALSE`;
  });
}

/** `patient=Patient/<id>` or `patient=<id>` → ids. */
export function referenceCondition(
  name: string,
  type: string,
  column: Prisma.Sql,
  raw: string | string[] | undefined,
): Prisma.Sql[] {
  return valuesOf(raw).map((value) => {
    const ids = alternativesOf(value).map((ref) => {
      const id = ref.startsWith(`${type}/`) ? ref.slice(type.length + 1) : ref;
      if (id.includes('/')) throw badParam(name, `Expected ${type}/<id> or an id, not "${ref}".`);
      return id;
    });
    const valid = ids.filter(isUuid);
    return valid.length
      ? Prisma.sql`${column} IN (${Prisma.join(valid.map((id) => Prisma.sql`${id}::uuid`))})`
      : Prisma.sql`FALSE`;
  });
}

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** FHIR string search: a word of the text starts with the value, ignoring case. */
export function stringCondition(
  column: Prisma.Sql,
  raw: string | string[] | undefined,
): Prisma.Sql[] {
  return valuesOf(raw).map((value) => {
    const any = alternativesOf(value).map((v) => {
      const escaped = likeEscaped(v);
      return Prisma.sql`(${column} ILIKE ${`${escaped}%`} OR ${column} ILIKE ${`% ${escaped}%`})`;
    });
    return any.length ? Prisma.sql`(${Prisma.join(any, ' OR ')})` : Prisma.sql`TRUE`;
  });
}

/** A token value `system|code`, `|code` or `code`. */
export function tokenOf(value: string): { system?: string; code: string } {
  const bar = value.indexOf('|');
  if (bar < 0) return { code: value };
  const system = value.slice(0, bar);
  return { ...(system ? { system } : {}), code: value.slice(bar + 1) };
}

export const and = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
