import type { HealthSyncError, UploadChange } from '@healthsync/contracts';
import type { AuthUser } from '../../../core/auth-user';
import { canUseClinicalData } from '../../../core/auth-user';
import { recordConflicts } from '../conflicts/record-conflict';
import type { StoredEntity } from '../entities/server-entity';
import {
  applied,
  conflictInputOf,
  conflictOutcome,
  deletedOnServer,
  notInScope,
  rejectedOutcome,
} from './change-outcomes';
import { validOrNull, type BulkItem, type BulkResult, type BulkWriter } from './bulk-writer';
import { changeOwns } from './change-handlers';
import { decideEdit } from './decisions';
import { lockCurrentRows, type CurrentRow } from './lock-current-rows';
import { editBaseOf, type EditBase } from './stale-check';
import { writeRunWithAudit } from './write-run-with-audit';

export type EditInput<Patch> = { patch: Patch; base: EditBase };

export type EditWriterSpec<Patch> = {
  entity: StoredEntity;
  /** An edit (the default) or a delete (an UPDATE that sets `deleted`). */
  operation?: 'update' | 'delete';
  /**
   * An edit's validated patch (throwing a 4xx, or null, leaves the change to the one-by-one path);
   * a delete has none.
   */
  patchOf?(change: UploadChange): Patch | null;
  /** Edits the writer leaves to the one-by-one path once it sees the row (a facility move…). */
  declines?(patch: Patch, current: CurrentRow): boolean;
  /** The refusal the service would give this edit of this row (e.g. FHIR validation), or null. */
  refusal?(
    change: UploadChange,
    patch: Patch,
    current: CurrentRow,
    user: AuthUser,
  ): Promise<HealthSyncError | null>;
  /** What `sql` reads of one change: its `id`, the `before` row for the audit, and the values. */
  rowOf(patch: Patch, current: CurrentRow): Record<string, unknown>;
  /** An UPDATE … FROM jsonb_to_recordset($1) that returns `*` and `c.before AS audit_before`. */
  sql: string;
};

/**
 * Edits (or deletes) of one entity as a run: one locked read of the rows, the one-by-one path's
 * decisions (`decideEdit`: scope, deleted, stale → a conflict), one statement for the conflicts and
 * one for the writes with their audit rows.
 */
export function editRowsInBulk<Patch>(spec: EditWriterSpec<Patch>): BulkWriter<EditInput<Patch>> {
  const operation = spec.operation ?? 'update';
  return {
    entity: spec.entity,
    operation,

    accept(change: UploadChange, user: AuthUser) {
      if (!change.server_id || !canUseClinicalData(user)) return null;
      const patch = spec.patchOf ? validOrNull(() => spec.patchOf!(change)) : (null as Patch);
      const base = validOrNull(() => editBaseOf(change));
      if ((spec.patchOf && patch === null) || base === null) return null;
      return { input: { patch: patch as Patch, base }, rowId: change.server_id.toLowerCase() };
    },

    async write(tx, ctx, items) {
      const result: BulkResult = { outcomes: new Map(), declined: [] };
      const { inScope } = await lockCurrentRows(
        tx,
        spec.entity,
        ctx.user,
        items.map((item) => item.rowId),
      );
      type Seen = { item: BulkItem<EditInput<Patch>>; current: CurrentRow };
      const writes: Seen[] = [];
      const stale: Seen[] = [];
      for (const item of items) {
        const { index, raw, change, input } = item;
        const reject = (error: unknown) =>
          result.outcomes.set(index, rejectedOutcome(index, raw, change.resource_type, error));
        const found = inScope.get(item.rowId);
        const owned = found && changeOwns(change.resource_type, found.row) ? found : null;
        const decision = decideEdit(change, owned);
        if (decision.verdict === 'not-in-scope') reject(notInScope());
        else if (decision.verdict === 'already-deleted')
          result.outcomes.set(index, applied(index, raw, 'deleted', decision.current.row));
        else if (decision.verdict === 'stale') stale.push({ item, current: decision.current });
        else if (decision.verdict !== 'apply') reject(deletedOnServer());
        else if (spec.declines?.(input.patch, decision.current)) result.declined.push(item);
        else {
          const refusal = await spec.refusal?.(change, input.patch, decision.current, ctx.user);
          if (refusal) reject(refusal);
          else writes.push({ item, current: decision.current });
        }
      }
      const conflictIds = await recordConflicts(
        tx,
        stale.map(({ item, current }) =>
          conflictInputOf(ctx, spec.entity, item.change, current, item.input.base),
        ),
      );
      stale.forEach(({ item, current }, i) =>
        result.outcomes.set(
          item.index,
          conflictOutcome(
            item.index,
            item.raw,
            item.change,
            current,
            item.input.base,
            conflictIds[i]!,
          ),
        ),
      );
      await writeRunWithAudit(
        tx,
        ctx,
        {
          entity: spec.entity,
          action: operation,
          sql: spec.sql,
          rows: writes.map(({ item, current }) => ({
            item,
            row: { id: item.rowId, before: current.row, ...spec.rowOf(item.input.patch, current) },
          })),
        },
        result,
      );
      return result;
    },
  };
}

/** Deletes of `table`'s rows: each becomes a tombstone (`deleted`), as the services do. */
export function deleteRowsInBulk(entity: StoredEntity, table: string): BulkWriter<EditInput<null>> {
  return editRowsInBulk<null>({
    entity,
    operation: 'delete',
    rowOf: () => ({}),
    sql: `UPDATE "${table}" t SET deleted = true,
            last_synced_at = COALESCE($2::timestamptz, t.last_synced_at)
          FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, before jsonb)
          WHERE t.id = c.id
          RETURNING t.*, c.before AS audit_before`,
  });
}
