import { InventoryItemInput } from '@healthsync/contracts';
import type { Db } from '../../../db/prisma';
import { prepared } from '../../../db/prepared-statements';
import { newStockRefusal, type NewStockFacts } from '../../inventory/new-stock-refusal';
import { applied, rejectedOutcome } from './change-outcomes';
import {
  acceptCreate,
  lockClientIds,
  type BulkItem,
  type BulkResult,
  type BulkWriter,
} from './bulk-writer';
import { writeRunWithAudit } from './write-run-with-audit';

const INSERT_STOCK_SQL = `
  INSERT INTO inventory_item (id, pharmacy_id, medicine_id, quantity_available, reorder_level,
                              last_synced_at)
  SELECT c.id, c.pharmacy_id, c.medicine_id, c.quantity_available, c.reorder_level, $2::timestamptz
    FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, pharmacy_id uuid, medicine_id uuid,
         quantity_available int, reorder_level int)
  RETURNING *, NULL::jsonb AS audit_before`;

/** The pharmacies and medicines named (pairs `$1[i]`, `$2[i]`), and the stock rows of the pairs. */
const READ_STOCK_FACTS_SQL = prepared(`
  SELECT 'pharmacy' AS kind, id::text AS key, NULL AS id, deleted
    FROM pharmacy WHERE id = ANY($1::uuid[])
  UNION ALL
  SELECT 'medicine', id::text, NULL, deleted FROM medicine WHERE id = ANY($2::uuid[])
  UNION ALL
  SELECT 'stock', i.pharmacy_id::text || ' ' || i.medicine_id::text, i.id::text, i.deleted
    FROM inventory_item i
    JOIN unnest($1::uuid[], $2::uuid[]) AS pair(pharmacy_id, medicine_id)
      ON i.pharmacy_id = pair.pharmacy_id AND i.medicine_id = pair.medicine_id`);

type Fact = {
  kind: 'pharmacy' | 'medicine' | 'stock';
  key: string;
  id: string | null;
  deleted: boolean;
};

const pairKey = (input: InventoryItemInput) =>
  `${input.pharmacy_id} ${input.medicine_id}`.toLowerCase();

/** What the run's new stock rows are checked against, in one query. */
async function readStockFacts(tx: Db, inputs: InventoryItemInput[]) {
  const facts = await tx.$queryRawUnsafe<Fact[]>(
    READ_STOCK_FACTS_SQL,
    inputs.map((input) => input.pharmacy_id.toLowerCase()),
    inputs.map((input) => input.medicine_id.toLowerCase()),
  );
  const of = (kind: Fact['kind']) =>
    new Map(facts.filter((fact) => fact.kind === kind).map((fact) => [fact.key, fact]));
  return { pharmacies: of('pharmacy'), medicines: of('medicine'), stock: of('stock') };
}

/**
 * New stock rows: the ids they bring read in one locked query, their pharmacies, medicines and
 * existing (pharmacy, medicine) rows in one more, then one statement inserts the run and its audit
 * rows. The checks and their order are `createInventoryItem`'s (`newStockRefusal`); a row created
 * earlier in the run counts as existing, as it would one by one.
 */
export const createInventoryItemsInBulk: BulkWriter<InventoryItemInput> = {
  entity: 'InventoryItem',
  operation: 'create',

  accept: (change, user) => acceptCreate('InventoryItem', InventoryItemInput, change, user),

  async write(tx, ctx, items) {
    const result: BulkResult = { outcomes: new Map(), declined: [] };
    const existing = await lockClientIds(tx, 'InventoryItem', ctx.user, items);
    const { pharmacies, medicines, stock } = await readStockFacts(
      tx,
      items.map((item) => item.input),
    );
    const createdInRun = new Map<string, string>();
    const inserts: BulkItem<InventoryItemInput>[] = [];
    for (const item of items) {
      const { index, raw, input } = item;
      // The same create arriving again (its client id is already a stock row).
      const again = existing.inScope.get(item.rowId);
      if (again) {
        result.outcomes.set(index, applied(index, raw, 'created', again.row));
        continue;
      }
      const pair = pairKey(input);
      const facts: NewStockFacts = {
        pharmacy: pharmacies.get(input.pharmacy_id.toLowerCase()),
        medicine: medicines.get(input.medicine_id.toLowerCase()),
        existingId: stock.get(pair)?.id ?? createdInRun.get(pair),
      };
      const refusal = newStockRefusal(ctx.user, input, facts);
      if (refusal) {
        result.outcomes.set(index, rejectedOutcome(index, raw, 'InventoryItem', refusal));
        continue;
      }
      createdInRun.set(pair, item.rowId);
      inserts.push(item);
    }
    await writeRunWithAudit(
      tx,
      ctx,
      {
        entity: 'InventoryItem',
        action: 'create',
        sql: INSERT_STOCK_SQL,
        rows: inserts.map((item) => ({
          item,
          row: {
            id: item.rowId,
            pharmacy_id: item.input.pharmacy_id,
            medicine_id: item.input.medicine_id,
            quantity_available: item.input.quantity_available,
            reorder_level: item.input.reorder_level ?? null,
          },
        })),
      },
      result,
    );
    return result;
  },
};
