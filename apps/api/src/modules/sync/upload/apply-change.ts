import { UploadChange } from '@healthsync/contracts';
import type { Db } from '../../../db/prisma';
import { forbidden, invalidField } from '../../../lib/errors';
import { recordConflict } from '../conflicts/record-conflict';
import { handlerFor, mayUpload, type ChangeHandler } from './change-handlers';
import {
  applied,
  conflictInputOf,
  conflictOutcome,
  deletedOnServer,
  notInScope,
  outcome,
  rejectedOutcome,
  type BatchContext,
  type ChangeOutcome,
} from './change-outcomes';
import { decideEdit } from './decisions';

async function applyUpdate(
  tx: Db,
  ctx: BatchContext,
  handler: ChangeHandler,
  change: UploadChange,
  index: number,
  raw: Record<string, unknown>,
): Promise<ChangeOutcome> {
  if (!change.server_id) throw invalidField('server_id', 'Name the row to change.');
  const validated = change.operation === 'update' ? handler.validateUpdate(change.payload) : null;
  const decision = decideEdit(change, await handler.current(tx, ctx.user, change.server_id));
  if (decision.verdict === 'not-in-scope') throw notInScope();
  const { current } = decision;
  if (decision.verdict === 'already-deleted') return applied(index, raw, 'deleted', current.row);
  if (decision.verdict === 'stale') {
    const conflictId = await recordConflict(
      tx,
      conflictInputOf(ctx, handler.entity, change, current, decision.base),
    );
    return conflictOutcome(index, raw, change, current, decision.base, conflictId);
  }
  if (decision.verdict === 'deleted-on-server') throw deletedOnServer();
  if (change.operation === 'delete')
    return applied(index, raw, 'deleted', await handler.remove(tx, ctx, current.row.id));
  return applied(
    index,
    raw,
    'updated',
    await handler.update(tx, ctx, current.row.id, validated, current),
  );
}

/** Applies one change of a batch. Throws only for errors that must fail the whole batch. */
export async function applyChange(
  tx: Db,
  ctx: BatchContext,
  raw: unknown,
  index: number,
): Promise<ChangeOutcome> {
  const rawObject = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const parsed = UploadChange.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues)
      errors[issue.path.join('.') || 'change'] ??= issue.message;
    return outcome(index, rawObject, { errors });
  }
  const change = parsed.data;
  try {
    const handler = handlerFor(change.resource_type);
    if (!mayUpload(handler.entity, ctx.user)) throw forbidden();
    if (change.operation === 'create') {
      if (!change.client_temp_id && typeof change.payload.id !== 'string') {
        throw invalidField(
          'client_temp_id',
          'Send client_temp_id (or payload.id) so a retried upload cannot create the row twice.',
        );
      }
      const clientId = typeof change.payload.id === 'string' ? change.payload.id : null;
      // A client-generated id that already exists in scope is this create arriving again.
      const existing =
        clientId && /^[0-9a-f-]{36}$/i.test(clientId)
          ? await handler.current(tx, ctx.user, clientId)
          : null;
      if (existing) return applied(index, rawObject, 'created', existing.row);
      return applied(
        index,
        rawObject,
        'created',
        await handler.create(tx, ctx, change.payload, change.resource_type),
      );
    }
    return await applyUpdate(tx, ctx, handler, change, index, rawObject);
  } catch (error) {
    return rejectedOutcome(index, rawObject, change.resource_type, error);
  }
}
