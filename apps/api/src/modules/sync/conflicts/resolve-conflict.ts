import type { ResolveConflictResponse } from '@healthsync/contracts';
import type { Db } from '../../../db/prisma';
import { HealthSyncError, notFound } from '../../../lib/errors';
import { lockRow } from '../../../lib/transaction';
import type { AuthUser } from '../../auth/auth-user';
import type { WriteContext } from '../../patients/create-patient';
import { handlerFor } from '../upload/change-handlers';
import { conflictToWire } from './conflict-to-wire';

export async function findConflictFor(db: Db, user: AuthUser, id: string) {
  const conflict = await db.syncConflict.findUnique({ where: { id } });
  if (!conflict || (conflict.userId !== user.id && user.role !== 'admin'))
    throw notFound('Conflict not found.');
  return conflict;
}

/**
 * A person's decision on a conflict. `reapply` writes the client's fields on top of the CURRENT
 * server row as a new, audited change; `discard` keeps the server row. Either way it is closed.
 */
export async function resolveConflict(
  tx: Db,
  ctx: WriteContext,
  id: string,
  action: 'reapply' | 'discard',
): Promise<ResolveConflictResponse> {
  await lockRow(tx, 'sync_conflict', id);
  const conflict = await findConflictFor(tx, ctx.user, id);
  if (conflict.status !== 'open') {
    throw new HealthSyncError('CONFLICT', `This conflict was already ${conflict.status}.`, {
      conflict: conflictToWire(conflict),
    });
  }
  let row: Record<string, unknown> | null = null;
  if (action === 'reapply') {
    const handler = handlerFor(conflict.resourceType);
    const current = await handler.current(tx, ctx.user, conflict.entityId);
    if (!current) throw notFound('The row is no longer in your scope.');
    const changes = conflict.clientChanges as Record<string, unknown>;
    if (changes.deleted === true) {
      row = current.deleted ? current.row : await handler.remove(tx, ctx, conflict.entityId);
    } else {
      if (current.deleted)
        throw new HealthSyncError(
          'CONFLICT',
          'The row was deleted on the server; there is nothing to re-apply onto.',
        );
      row = await handler.update(
        tx,
        ctx,
        conflict.entityId,
        handler.validateUpdate(changes),
        current,
      );
    }
  }
  const resolved = await tx.syncConflict.update({
    where: { id },
    data: {
      status: action === 'reapply' ? 'reapplied' : 'discarded',
      resolvedAt: new Date(),
      resolvedBy: ctx.user.id,
    },
  });
  return { conflict: conflictToWire(resolved), row };
}
