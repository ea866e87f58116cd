import { Prisma } from '../db/prisma';
import { sqlStateOf } from './database-errors';

type LoggedError = { type: string; message: string; stack: string; [key: string]: unknown };

/** Errors of a database call: their message, meta and detail quote its arguments. */
function isDatabaseError(error: Error): boolean {
  if (
    error instanceof Prisma.PrismaClientKnownRequestError ||
    error instanceof Prisma.PrismaClientUnknownRequestError ||
    error instanceof Prisma.PrismaClientValidationError ||
    error instanceof Prisma.PrismaClientRustPanicError ||
    error.name === 'DriverAdapterError'
  ) {
    return true;
  }
  // node-postgres' and PGlite's DatabaseError (a raw query outside Prisma).
  const fields = error as Error & { severity?: unknown; code?: unknown };
  return typeof fields.severity === 'string' && typeof fields.code === 'string';
}

const framesOf = (stack: string | undefined) =>
  (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');

/** What a log line may say of a database error: which call and code, never the values. */
function databaseErrorForLog(error: Error): LoggedError {
  const logged: LoggedError = { type: error.name, message: '', stack: framesOf(error.stack) };
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    logged.code = error.code;
    logged.sqlState = sqlStateOf(error);
    logged.model = (error.meta as { modelName?: string } | undefined)?.modelName;
  } else if (error instanceof Prisma.PrismaClientValidationError) {
    logged.argument = /argument `(\w+)`/.exec(error.message)?.[1];
  } else {
    logged.code = (error as { code?: unknown }).code;
  }
  logged.message = `${error.name}${logged.code ? ` ${String(logged.code)}` : ''} (message withheld: it may quote clinical data)`;
  return logged;
}

/**
 * The `err` serializer of every log line: a database error without its message, meta or detail
 * (they hold the arguments of the call — clinical text); any other error with its message, stack,
 * plain fields and causes, each cause under the same rule.
 */
export function errorForLog(error: Error, depth = 0): LoggedError {
  if (isDatabaseError(error)) return databaseErrorForLog(error);
  const logged: LoggedError = {
    type: error.name,
    message: error.message,
    stack: error.stack ?? '',
  };
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      logged[key] = value;
    }
  }
  if (error.cause instanceof Error && depth < 5) logged.cause = errorForLog(error.cause, depth + 1);
  else if (error.cause !== undefined) logged.cause = '(not shown)';
  return logged;
}
