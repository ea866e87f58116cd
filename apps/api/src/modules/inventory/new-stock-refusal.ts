import type { InventoryItemInput } from '@healthsync/contracts';
import { HealthSyncError, invalidField } from '../../lib/errors';
import type { AuthUser } from '../../core/auth-user';
import { stockRefusal } from './stock-permission';

/** What a new stock row is checked against, as read: its pharmacy, medicine and existing row. */
export type NewStockFacts = {
  pharmacy: { deleted: boolean } | null | undefined;
  medicine: { deleted: boolean } | null | undefined;
  /** The pharmacy's stock row of this medicine (deleted or not), if it has one. */
  existingId: string | null | undefined;
};

/**
 * Why a new stock row is refused, in the order the checks apply, or null. `createInventoryItem`
 * and the bulk writer (`create-inventory-items-in-bulk.ts`) both decide here.
 */
export function newStockRefusal(
  user: AuthUser,
  input: Pick<InventoryItemInput, 'pharmacy_id'>,
  facts: NewStockFacts,
): HealthSyncError | null {
  const { pharmacy, medicine, existingId } = facts;
  return (
    stockRefusal(user, input.pharmacy_id) ??
    (!pharmacy || pharmacy.deleted ? invalidField('pharmacy_id', 'Unknown pharmacy.') : null) ??
    (!medicine || medicine.deleted ? invalidField('medicine_id', 'Unknown medicine.') : null) ??
    (existingId
      ? new HealthSyncError(
          'CONFLICT',
          'This pharmacy already has a stock row for this medicine; update it instead.',
          { id: existingId },
        )
      : null)
  );
}
