import { HealthSyncError, UploadChange } from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Db } from '../../../db/prisma';
import type { AuthUser } from '../../../core/auth-user';
import { entityOfResourceType } from '../entities/registry';
import type { StoredEntity } from '../entities/server-entity';
import type { BatchContext, ChangeOutcome } from './change-outcomes';
import { mayUpload } from './change-handlers';
import { lockCurrentRows } from './lock-current-rows';
import { parsePayload, withoutServerFields } from './parse-payload';

/** A change a bulk writer took: its validated input and the id of the row it writes. */
export type BulkItem<Input = unknown> = {
  index: number;
  raw: Record<string, unknown>;
  change: UploadChange;
  input: Input;
  rowId: string;
};

export type BulkResult = {
  outcomes: Map<number, ChangeOutcome>;
  /** Changes the writer left to the one-by-one path (e.g. a patient moving facility). */
  declined: BulkItem[];
};

/**
 * Applies a run of like changes (same entity and operation, distinct rows) with a few set-based
 * statements instead of several round trips per change. The outcome of each change is what the
 * one-by-one path (`applyChange`) would give it; anything the writer cannot decide that way it
 * declines or leaves to that path by not accepting the change.
 */
export type BulkWriter<Input = unknown> = {
  /** The kind of change the writer takes: the entity the resource_type names, and an operation. */
  entity: StoredEntity;
  operation: UploadChange['operation'];
  /** The validated input and the row written, or null to leave the change to `applyChange`. */
  accept(change: UploadChange, user: AuthUser): { input: Input; rowId: string } | null;
  write(tx: Db, ctx: BatchContext, items: BulkItem<Input>[]): Promise<BulkResult>;
};

/** The change as a bulk item of the first writer that accepts it, or null. */
export function bulkItemOf(
  writers: readonly BulkWriter[],
  raw: unknown,
  index: number,
  user: AuthUser,
): { writer: BulkWriter; item: BulkItem } | null {
  // Most changes no writer takes: tell by their kind before parsing them (applyChange parses them).
  const { resource_type: resourceType, operation } = (raw ?? {}) as Record<string, unknown>;
  if (typeof resourceType !== 'string') return null;
  const entity = entityOfResourceType(resourceType).contract.name;
  const candidates = writers.filter(
    (writer) => writer.entity === entity && writer.operation === operation,
  );
  if (!candidates.length) return null;
  const parsed = UploadChange.safeParse(raw);
  if (!parsed.success) return null;
  for (const writer of candidates) {
    const accepted = writer.accept(parsed.data, user);
    if (accepted)
      return {
        writer,
        item: { index, raw: raw as Record<string, unknown>, change: parsed.data, ...accepted },
      };
  }
  return null;
}

/**
 * Whether a create of `entity` may take the bulk path at all: a caller who may upload it, and a
 * client id (temp id or payload.id) — without one the one-by-one path refuses the change, as a
 * retry could create it twice.
 */
export const bulkCreatable = (entity: StoredEntity, change: UploadChange, user: AuthUser) =>
  mayUpload(entity, user) && (!!change.client_temp_id || typeof change.payload.id === 'string');

/**
 * A create whose payload is the entity's REST body, as a bulk item: the payload validated by
 * `schema`, and the row's id (the client's, or a new one). Null when it may not take the bulk path
 * or is invalid (the one-by-one path names the fields).
 */
export function acceptCreate<Input extends { id?: string | undefined }>(
  entity: StoredEntity,
  schema: z.ZodType<Input>,
  change: UploadChange,
  user: AuthUser,
): { input: Input; rowId: string } | null {
  if (!bulkCreatable(entity, change, user)) return null;
  const input = validOrNull(() => parsePayload(schema, withoutServerFields(change.payload)));
  return input && { input, rowId: input.id?.toLowerCase() ?? uuidv7() };
}

/** The rows the run's creates name by client id, locked: a create arriving again finds its row. */
export const lockClientIds = (
  tx: Db,
  entity: StoredEntity,
  user: AuthUser,
  items: BulkItem<{ id?: string | undefined }>[],
) =>
  lockCurrentRows(
    tx,
    entity,
    user,
    items.filter((item) => item.input.id).map((item) => item.rowId),
  );

/**
 * Runs fn, turning the refusal it may throw into "not for the bulk path" (the one-by-one path then
 * reports it); anything else is a bug and propagates.
 */
export function validOrNull<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (error) {
    if (error instanceof HealthSyncError) return null;
    throw error;
  }
}

/** The refusal (a 4xx) that the async check `fn` throws, or null when it passes. */
export async function refusalOf(fn: () => Promise<unknown>): Promise<HealthSyncError | null> {
  try {
    await fn();
    return null;
  } catch (error) {
    if (error instanceof HealthSyncError) return error;
    throw error;
  }
}

/** A bulk write the database refused; the batch's transaction is lost and is run again one by one. */
export class BulkWriteRefused extends Error {
  constructor(cause: unknown) {
    super('A bulk write was refused; the batch is applied again change by change.', { cause });
  }
}
