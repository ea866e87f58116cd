import type { z } from 'zod';
import { HealthSyncError } from '../../../lib/errors';

/** Fields a client may echo back from a row it downloaded; the server owns them. */
const SERVER_OWNED = [
  'server_version',
  'created_at',
  'updated_at',
  'last_updated',
  'last_synced_at',
  'deleted',
  'owner',
];

export function withoutServerFields(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !SERVER_OWNED.includes(key)));
}

/** Validates a change's payload, naming bad fields as `payload.<field>`. */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  payload: Record<string, unknown>,
): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.')];
    for (const key of keys)
      errors[key ? `payload.${key}` : 'payload'] ??=
        issue.code === 'unrecognized_keys' ? 'Unknown field.' : issue.message;
  }
  throw HealthSyncError.validation(errors);
}
