import type { Db } from '../../../db/prisma';
import { invalidField } from '../../../lib/errors';
import { canUseClinicalData, type AuthUser } from '../../../core/auth-user';
import { entityOfResourceType } from '../entities/registry';
import type { EntityWrites, StoredEntity, WireRow } from '../entities/server-entity';
import { lockCurrentRows, type CurrentRow } from './lock-current-rows';

/** How a change of one resource_type applies: its entity's writes, and the row it targets. */
export type ChangeHandler = EntityWrites & {
  entity: StoredEntity;
  /** The row in the caller's scope (deleted or not), locked for the write that follows; or null. */
  current(tx: Db, user: AuthUser, id: string): Promise<CurrentRow | null>;
};

/** The handler for an upload's resource_type; a 400-style error for types clients cannot write. */
export function handlerFor(resourceType: string): ChangeHandler {
  const entity = entityOfResourceType(resourceType);
  if (!entity.contract.uploadable || !entity.writes) {
    throw invalidField(
      'resource_type',
      `${resourceType} rows are managed by administrators and cannot be uploaded.`,
    );
  }
  const writes = entity.writes(resourceType);
  const name = entity.contract.name;
  return {
    ...writes,
    entity: name,
    current: async (tx, user, id) => {
      const { inScope } = await lockCurrentRows(tx, name, user, [id]);
      const found = inScope.get(id.toLowerCase()) ?? null;
      return found && changeOwns(resourceType, found.row) ? found : null;
    },
  };
}

/** Whether a change of `resourceType` may touch `row` (a record of another FHIR type is not its row). */
export function changeOwns(resourceType: string, row: WireRow): boolean {
  const owns = entityOfResourceType(resourceType).writes?.(resourceType).owns;
  return !owns || owns(row);
}

/**
 * Whether the caller may upload changes of `entity` at all: stock is checked per pharmacy as each
 * change applies (stockRefusal); every other entity is clinical staff's and admins'.
 */
export const mayUpload = (entity: StoredEntity, user: AuthUser) =>
  entity === 'InventoryItem' || canUseClinicalData(user);
