import { HealthSyncError } from '@healthsync/contracts';
import { Prisma } from '../db/prisma';

/** What the driver adapter tells of a PostgreSQL error (Prisma puts it in `meta`). */
type AdapterCause = {
  originalCode?: string;
  originalMessage?: string;
  message?: string;
  code?: string;
  column?: string;
  constraint?: { fields?: string[]; index?: string };
};

function causeOf(error: Prisma.PrismaClientKnownRequestError): AdapterCause | undefined {
  const meta = error.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined;
  return meta?.driverAdapterError?.cause;
}

/** Prisma's own codes for values the database refused, by the SQLSTATE they stand for. */
const PRISMA_INPUT_CODES: Record<string, string> = {
  P2000: '22001', // value too long for the column
  P2003: '23503', // foreign key
  P2004: '23514', // constraint
  P2005: '22P02', // invalid value for the column's type
  P2006: '22P02',
  P2007: '22000', // data validation
  P2011: '23502', // null constraint
  P2020: '22003', // value out of range
};

/** The SQLSTATE behind a Prisma error, when it has one. */
export function sqlStateOf(error: Prisma.PrismaClientKnownRequestError): string | undefined {
  const cause = causeOf(error);
  return cause?.originalCode ?? cause?.code ?? PRISMA_INPUT_CODES[error.code];
}

/** What to tell the client, by SQLSTATE (never the database's message: it quotes the values). */
function messageFor(state: string): string {
  switch (state) {
    case '22001':
      return 'Too long to store.';
    case '22003':
    case '22008':
      return 'Outside the range the database can store.';
    case '22007':
    case '22P02':
      return 'Not a value this field can hold.';
    case '23502':
      return 'Required.';
    case '23503':
      return 'Refers to a row that does not exist.';
    case '23514':
      return 'Not allowed here.';
    default:
      return 'The database cannot store this value.';
  }
}

/**
 * The request field a refusal is about, where the database says: a column, or a constraint named
 * the PostgreSQL and Prisma way (`<table>_<column>_check` / `_fkey` / `_key`).
 */
function fieldOf(cause: AdapterCause | undefined): string | undefined {
  if (cause?.column) return cause.column;
  const { fields, index } = cause?.constraint ?? {};
  if (fields?.length === 1) return fields[0];
  // The message names the table and the constraint (never a value; those are in the detail).
  const message = cause?.originalMessage ?? cause?.message ?? '';
  const constraint = index ?? /constraint "([^"]+)"/.exec(message)?.[1];
  const table = /(?:relation|table) "([^"]+)"/.exec(message)?.[1];
  if (!constraint || !table || !constraint.startsWith(`${table}_`)) return undefined;
  return constraint.slice(table.length + 1).replace(/_(check|fkey|key)$/, '') || undefined;
}

export type InputErrorNaming = {
  /** The field named when the database does not say which (`body`, `change`). */
  fallback: string;
  /** Put before a column name to make it a request field (`payload.`). */
  prefix?: string;
};

/**
 * A database refusal that stems from the request — a data exception (SQLSTATE class 22) or an
 * integrity violation (23) — as the 4xx it deserves, naming the field where the database says
 * which. undefined for anything else (a bug or an outage: those stay 5xx).
 */
export function inputErrorOf(
  error: unknown,
  naming: InputErrorNaming = { fallback: 'body' },
): HealthSyncError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  if (error.code === 'P2025') return new HealthSyncError('NOT_FOUND', 'Not found.');
  const state = sqlStateOf(error);
  if (error.code === 'P2002' || state === '23505') {
    return new HealthSyncError('CONFLICT', 'A record with this id already exists.');
  }
  if (!state || !(state.startsWith('22') || state.startsWith('23'))) return undefined;
  const column = fieldOf(causeOf(error));
  const field = column ? `${naming.prefix ?? ''}${column}` : naming.fallback;
  return HealthSyncError.validation({ [field]: messageFor(state) });
}
