import type { ResolveConflictResponse } from '@healthsync/contracts';
import type { Db } from '../../../db/prisma';
import { forbidden, HealthSyncError, notFound } from '../../../lib/errors';
import { lockRow } from '../../../lib/transaction';
import type { AuthUser } from '../../auth/auth-user';
import { loadAuthUser } from '../../auth/load-auth-user';
import type { WriteContext } from '../../patients/create-patient';
import { visibleEntities } from '../entities/registry';
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
 * Who may do it is decided by the caller's account as it is now (role, facility), not as the
 * access token remembers it nor as it was when the conflict arose.
 */
export async function resolveConflict(
  tx: Db,
  tokenCtx: WriteContext,
  id: string,
  action: 'reapply' | 'discard',
): Promise<ResolveConflictResponse> {
  const account = await loadAuthUser(tx, { id: tokenCtx.user.id });
  if (!account) throw forbidden('This account is no longer active.');
  const { passwordHash: _, ...user } = account;
  const ctx: WriteContext = { ...tokenCtx, user };
  await lockRow(
    tx,
    'sync_conflict',
    id,
    user.role === 'admin' ? undefined : { column: 'user_id', equals: user.id },
  );
  const conflict = await findConflictFor(tx, user, id);
  if (conflict.status !== 'open') {
    throw new HealthSyncError('CONFLICT', `This conflict was already ${conflict.status}.`, {
      conflict: conflictToWire(conflict),
    });
  }
  let row: Record<string, unknown> | null = null;
  if (action === 'reapply') {
    const handler = handlerFor(conflict.resourceType);
    if (!visibleEntities(user).includes(handler.entity)) throw forbidden();
    const current = await handler.current(tx, user, conflict.entityId);
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
