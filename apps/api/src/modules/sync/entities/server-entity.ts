import type { EntityContract, EntityName } from '@healthsync/contracts';
import type { Db } from '../../../db/prisma';
import type { WriteContext } from '../../patients/create-patient';
import type { CurrentRow } from '../upload/lock-current-rows';

export type StoredEntity = EntityName;

export type WireRow = { id: string; server_version: number; deleted: boolean } & Record<
  string,
  unknown
>;

/** How uploaded changes of one entity apply (the services the REST routes use too). */
export type EntityWrites = {
  create(
    tx: Db,
    ctx: WriteContext,
    payload: Record<string, unknown>,
    resourceType: string,
  ): Promise<WireRow>;
  /** Validates an update's payload before any staleness check (an invalid edit is a 400, stale or not). */
  validateUpdate(payload: Record<string, unknown>): unknown;
  update(
    tx: Db,
    ctx: WriteContext,
    id: string,
    validated: unknown,
    current: CurrentRow,
  ): Promise<WireRow>;
  remove(tx: Db, ctx: WriteContext, id: string): Promise<WireRow>;
  /** Whether a row in scope is one this resource_type may change (a FHIR type is one of many). */
  owns?(row: WireRow): boolean;
};

/**
 * The server side of one synced entity; its wire side is `contract` (packages/contracts
 * src/entities/). Everything generic — the sync feed, the per-resource sync routes, locking,
 * uploads, conflicts — reads these fields and nothing else about the entity.
 */
export type ServerEntity = {
  contract: EntityContract<StoredEntity>;
  table: string;
  /** facility: rows belong to one facility; global: everyone signed in may read them. */
  scope: 'facility' | 'global';
  /**
   * The wire row rendered by PostgreSQL from the row aliased `t`, in the key order of the REST
   * rendering (see wire-sql.ts for the building blocks; wire-sql.test.ts holds them equal).
   */
  wireColumns: readonly string[];
  /** The wire resource_type of a rendered row (the FHIR type for HealthRecords). */
  resourceTypeOf(row: WireRow): string;
  /** Query parameters of a pull that narrow it, and the (unqualified) column each one filters. */
  pullFilters?: { pharmacy_id?: string };
  /** How uploads of `resourceType` apply; absent for entities devices cannot write. */
  writes?(resourceType: string): EntityWrites;
};
