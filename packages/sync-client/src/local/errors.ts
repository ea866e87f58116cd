import type { z } from 'zod';

/** A local edit that the contracts reject: nothing was written. `errors` maps field → message. */
export class LocalValidationError extends Error {
  readonly errors: Record<string, string>;
  constructor(errors: Record<string, string>) {
    super(
      Object.entries(errors)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; '),
    );
    this.name = 'LocalValidationError';
    this.errors = errors;
  }

  static from(error: z.ZodError): LocalValidationError {
    const errors: Record<string, string> = {};
    for (const issue of error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
    return new LocalValidationError(errors);
  }
}

export class RowNotFoundError extends Error {
  constructor(table: string, id: string) {
    super(`${table} ${id} not found on this device`);
    this.name = 'RowNotFoundError';
  }
}

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw LocalValidationError.from(parsed.error);
  return parsed.data;
}
