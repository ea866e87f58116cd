import type { z } from 'zod';

/**
 * The wire-facing declaration of one synced entity. The API's server part (table, scope, SQL
 * rendering, upload handler: apps/api/src/modules/sync/entities/) and the sync-client's local
 * collection are driven from it. Add an entity: a file here, a line in registry.ts, and its
 * server part.
 */
export interface EntityContract<
  Name extends string = string,
  Collection extends string = string,
  Schema extends z.ZodType = z.ZodType,
> {
  readonly name: Name;
  /** The row as every endpoint and the sync feed show it. */
  readonly schema: Schema;
  /** The device's local table of these rows. */
  readonly collection: Collection;
  /** clinical: health workers, doctors and admins; everyone: pharmacists too. */
  readonly readers: 'clinical' | 'everyone';
  /** Devices may upload changes to it; otherwise administrators manage its rows. */
  readonly uploadable: boolean;
  /** Every FHIR resource type that names no entity is one of these rows (HealthRecord). */
  readonly fhirCatchAll?: boolean;
  /** Its per-resource sync endpoint (docs/api.md#per-resource-sync), if it has one. */
  readonly sync?: { readonly path: string; readonly summary: string };
}

export function defineEntity<
  const Name extends string,
  const Collection extends string,
  Schema extends z.ZodType,
>(contract: EntityContract<Name, Collection, Schema>): EntityContract<Name, Collection, Schema> {
  return contract;
}
