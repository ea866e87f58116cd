import {
  formatMicros,
  HealthSyncError,
  Uuid,
  type ChangeResult,
  type UploadChange,
  type UploadConflict,
} from '@healthsync/contracts';
import { Prisma } from '../../../db/prisma';
import { inputErrorOf } from '../../../lib/database-errors';
import { invalidField } from '../../../lib/errors';
import type { WriteContext } from '../../patients/create-patient';
import type { ConflictInput } from '../conflicts/record-conflict';
import type { StoredEntity, WireRow } from '../entities/server-entity';
import type { CurrentRow } from './lock-current-rows';
import { withoutServerFields } from './parse-payload';
import type { EditBase } from './stale-check';

/** The outcomes a change of an upload may end in, as its receipt shows them. */

export type BatchContext = WriteContext & { deviceId: string; batchId: string };
export type ChangeOutcome = { result: ChangeResult; conflict: UploadConflict | null };

const text = (value: unknown) => (typeof value === 'string' ? value : null);
/** A rejected change echoes its server_id only when it is one: the receipt's field is a UUID. */
const uuidText = (value: unknown) => (Uuid.safeParse(value).success ? (value as string) : null);

export function outcome(
  index: number,
  raw: Record<string, unknown>,
  fields: Partial<ChangeResult>,
): ChangeOutcome {
  return {
    result: {
      index,
      status: 'rejected',
      resource_type: text(raw.resource_type) ?? '',
      server_id: uuidText(raw.server_id),
      client_temp_id: text(raw.client_temp_id),
      client_change_id: text(raw.client_change_id),
      server_version: null,
      updated_at: null,
      conflict_id: null,
      errors: null,
      ...fields,
    },
    conflict: null,
  };
}

export const applied = (
  index: number,
  raw: Record<string, unknown>,
  status: ChangeResult['status'],
  row: WireRow,
) =>
  outcome(index, raw, {
    status,
    server_id: row.id,
    server_version: row.server_version,
    updated_at: String(row.updated_at ?? row.last_updated),
    errors: null,
  });

/** Errors a single change may end in without failing the batch: they become a `rejected` result. */
export function changeErrorsOf(error: unknown): Record<string, string> | null {
  if (error instanceof HealthSyncError) {
    const errors = error.body.errors as Record<string, string> | undefined;
    return errors ?? { [error.code === 'NOT_FOUND' ? 'server_id' : 'change']: error.message };
  }
  const refused = inputErrorOf(error, { fallback: 'change', prefix: 'payload.' });
  if (refused) return changeErrorsOf(refused);
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return { change: `The database refused this change (${error.code}).` };
  }
  return null;
}

export const notInScope = () =>
  new HealthSyncError('NOT_FOUND', 'No such row in your scope.', {
    errors: { server_id: 'Not found.' },
  });

export const deletedOnServer = () =>
  invalidField('server_id', 'This row was deleted on the server.');

/** What is stored of a stale edit: both versions, for the device to resolve. */
export function conflictInputOf(
  ctx: BatchContext,
  entity: StoredEntity,
  change: UploadChange,
  current: CurrentRow,
  base: EditBase,
): ConflictInput {
  return {
    user: ctx.user,
    deviceId: ctx.deviceId,
    batchId: ctx.batchId,
    clientChangeId: change.client_change_id ?? null,
    source: 'upload',
    entity,
    resourceType: change.resource_type,
    current,
    base,
    clientChanges:
      change.operation === 'delete' ? { deleted: true } : withoutServerFields(change.payload),
  };
}

/** The outcome of a stale edit stored as conflict `conflictId`: the server's row unchanged. */
export function conflictOutcome(
  index: number,
  raw: Record<string, unknown>,
  change: UploadChange,
  current: CurrentRow,
  base: EditBase,
  conflictId: string,
): ChangeOutcome {
  const result = outcome(index, raw, {
    status: 'conflict',
    server_id: current.row.id,
    server_version: current.serverVersion,
    updated_at: formatMicros(current.stamp),
    conflict_id: conflictId,
  });
  return {
    ...result,
    conflict: {
      index,
      conflict_id: conflictId,
      server_id: current.row.id,
      resource_type: change.resource_type,
      reason: 'server_newer',
      client_version: base.label,
      server_version: formatMicros(current.stamp),
      current: current.row,
    },
  };
}

/** A change refused on its own (the batch goes on), with the errors the refusal names. */
export function rejectedOutcome(
  index: number,
  raw: Record<string, unknown>,
  resourceType: string,
  error: unknown,
): ChangeOutcome {
  const errors = changeErrorsOf(error);
  if (!errors) throw error;
  return outcome(index, raw, { errors, resource_type: resourceType });
}
