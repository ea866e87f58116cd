import { createHash } from 'node:crypto';
import { formatCursor, formatMicros, type ScopeRemoval } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { prepared } from '../../db/prepared-statements';
import type { AuthUser } from '../../core/auth-user';
import { syncStampsSql, syncStampsOf, type SyncStamps } from './read-stamps';
import { entityNamed, isFacilityScoped } from './entities/registry';
import type { StoredEntity, WireRow } from './entities/server-entity';
import { scopeFacility } from './sync-scope';
import { wireRowSql } from './wire-rows';

export type PullRequest = {
  user: AuthUser;
  entities: StoredEntity[];
  /** Exclusive lower bound (µs); 0 means a first sync, which skips tombstones and removals. */
  sinceMicros: bigint;
  /**
   * Inclusive upper bound (µs), the reader's watermark: changes above it may still be joined by
   * lower stamps of writers in flight, so they wait for the next pull. Unbounded if absent.
   */
  untilMicros?: bigint;
  /** Part of a first sync (from 0 or a continuation of one): a cut page's cursor stays marked so. */
  firstSync?: boolean;
  limit?: number;
  pharmacyId?: string;
};

/**
 * One change of a page. `json` is the wire row as the REST endpoints show it (see wire-sql.ts), or
 * for a removal from scope the bare ScopeRemoval: id, version and stamp, nothing of the row.
 */
export type PulledChange = {
  entity: StoredEntity;
  id: string;
  stamp: bigint;
  /** The row left the caller's facility: everything here comes from its scope_exit row. */
  removal: boolean;
  serverVersion: number;
  deleted: boolean;
  /** The wire resource_type (the FHIR type for HealthRecords; for a removal, the one it had). */
  resourceType: string;
  json: string;
};

/** A removal from scope as the per-resource endpoints show it (the ScopeRemoval contract). */
const scopeRemoval = (id: string, serverVersion: number, stamp: bigint): ScopeRemoval => ({
  id,
  server_version: serverVersion,
  updated_at: formatMicros(stamp),
  deleted: true,
});

export type PullResult = {
  changes: PulledChange[];
  watermark: bigint;
  hasMore: boolean;
  /** Where the next pull starts: the last row's stamp of a cut page, else the watermark. */
  nextCursor: bigint;
  /** The cursor as the client receives it (see formatCursor). */
  nextCursorText: string;
};

/** A query's text and its parameters. */
export type Sql = { text: string; params: unknown[] };

/** One entity's changed rows in the caller's scope: a WHERE condition and the order to read them in. */
export type ChangedRows = { where: string; orderBy: string[] };

/**
 * One entity's rows in the caller's scope stamped after `$1` (the cursor). A scope — the caller's
 * facility, or the pharmacy a pull asks for — is read as a range of its (scope, stamp) index:
 * `facility_id = $f AND (facility_id, stamp) > ($f, $1)`. The row comparison is what only that
 * index can use: written `stamp > $1 AND facility_id = $f`, the global stamp index could take the
 * cursor too, and the planner picks it whenever its statistics make the facility look common (a
 * big facility, a table never analysed) — then every facility's changes after the cursor are read
 * and filtered (docs/data-model.md, "Indexes of the scoped feeds").
 */
export function changedRowsSql(
  request: PullRequest,
  entity: StoredEntity,
  params: unknown[],
): ChangedRows {
  const scopes: [column: string, id: string][] = [];
  const facility = scopeFacility(request.user);
  if (facility && isFacilityScoped(entity)) scopes.push(['facility_id', facility]);
  const pharmacyColumn = entityNamed(entity).pullFilters?.pharmacy_id;
  if (pharmacyColumn && request.pharmacyId) scopes.push([pharmacyColumn, request.pharmacyId]);
  const [range, ...others] = scopes.map(([column, id]) => {
    params.push(id);
    return { column, param: `$${params.length}::uuid` };
  });
  const equal = others.map(({ column, param }) => ` AND ${column} = ${param}`).join('');
  const bounded = request.untilMicros !== undefined;
  if (!range) {
    const upper = bounded ? ` AND stamp <= ${UNTIL_PARAM}` : '';
    return { where: `stamp > $1${upper}${equal}`, orderBy: ['stamp'] };
  }
  const upper = bounded ? ` AND (${range.column}, stamp) <= (${range.param}, ${UNTIL_PARAM})` : '';
  return {
    where: `${range.column} = ${range.param} AND (${range.column}, stamp) > (${range.param}, $1)${upper}${equal}`,
    orderBy: ['stamp'],
  };
}

/** The parameter of a bounded pull's watermark (`untilMicros`): always the second, after the cursor. */
const UNTIL_PARAM = '$2';

/** The first parameters of a pull's queries: the cursor, then the watermark if bounded. */
const boundParams = (request: PullRequest, since: bigint): unknown[] =>
  request.untilMicros === undefined ? [since] : [since, request.untilMicros];

/** The watermark's bound on scope_exit rows (read by the global stamp index, like a cursor). */
const exitUpperBound = (request: PullRequest) =>
  request.untilMicros === undefined ? '' : ` AND stamp <= ${UNTIL_PARAM}`;

/** Scope removals (rows that left the caller's facility) only concern facility-bound callers. */
export function exitEntities(request: PullRequest): StoredEntity[] {
  return scopeFacility(request.user) ? request.entities.filter(isFacilityScoped) : [];
}

/** The query of one page of a pull: changed rows, rendered as their wire JSON, in stamp order. */
export function pullPageSql(request: PullRequest): Sql {
  const params = boundParams(request, request.sinceMicros);
  const first = request.sinceMicros === 0n;
  // Each branch stops at the page size too (its index serves it in order), so a page costs the
  // same at the start of a first sync as at its end.
  let limitParam = '';
  if (request.limit) {
    params.push(request.limit + 1);
    limitParam = `$${params.length}`;
  }
  const limit = limitParam && ` ORDER BY stamp LIMIT ${limitParam}`;
  const branches = request.entities.map((entity) => {
    const { table } = entityNamed(entity);
    const live = first ? ' AND NOT deleted' : '';
    const { where, orderBy } = changedRowsSql(request, entity, params);
    const branchLimit = limitParam && ` ORDER BY ${orderBy.join(', ')} LIMIT ${limitParam}`;
    return `(SELECT '${entity}' AS entity, id, stamp, false AS removal, NULL::text AS exit_type, NULL::int AS exit_version FROM "${table}" WHERE ${where}${live}${branchLimit})`;
  });
  const exits = exitEntities(request);
  if (!first && exits.length) {
    params.push(scopeFacility(request.user));
    const facilityParam = `$${params.length}::uuid`;
    const types = exits.map((e) => `'${e}'`).join(', ');
    branches.push(
      `(SELECT entity_type AS entity, entity_id AS id, stamp, true AS removal, resource_type AS exit_type, server_version AS exit_version FROM scope_exit WHERE stamp > $1${exitUpperBound(request)} AND facility_id = ${facilityParam} AND entity_type IN (${types})${limit})`,
    );
  }
  const page = `SELECT entity, id, stamp, removal, exit_type, exit_version FROM (${branches.join(' UNION ALL ')}) AS changed${limit}`;
  const rendered = request.entities
    .map((entity) => {
      return `WHEN '${entity}' THEN ${wireRowSql(entity, 'page.id')}`;
    })
    .join(' ');
  // A removal is built from its scope_exit row alone: the row itself now belongs to another
  // facility, and nothing of it (then or later) may reach this one.
  const text = `SELECT entity, id::text AS id, stamp, removal, exit_type, exit_version, CASE WHEN removal THEN NULL ELSE CASE entity ${rendered} END END AS json FROM (${page}) AS page ORDER BY stamp`;
  return { text, params };
}

type FoundChange = {
  entity: StoredEntity;
  id: string;
  stamp: bigint;
  removal: boolean;
  exit_type: string | null;
  exit_version: number | null;
  json: string | null;
};

const readPage = (tx: Db, request: PullRequest): Promise<FoundChange[]> => {
  const { text, params } = pullPageSql(request);
  return tx.$queryRawUnsafe<FoundChange[]>(prepared(text), ...params);
};

/**
 * The rows of a page of at most `limit` changes, and whether it was cut. Stamps are unique within a
 * partition but two facilities' writers may stamp the same µs, and the next page starts after the
 * cut page's last stamp: so a page never ends inside a run of equal stamps. It stops before the run,
 * or — when the run fills the whole page — takes all of it (read again up to that stamp).
 */
async function readCutPage(
  tx: Db,
  request: PullRequest,
): Promise<{ rows: FoundChange[]; cut: boolean }> {
  const found = await readPage(tx, request);
  const limit = request.limit;
  if (limit === undefined || found.length <= limit) return { rows: found, cut: false };
  const next = BigInt(found[limit]!.stamp);
  let end = limit;
  while (end > 0 && BigInt(found[end - 1]!.stamp) === next) end -= 1;
  if (end > 0) return { rows: found.slice(0, end), cut: true };
  const run = await readPage(tx, { ...request, untilMicros: next, limit: undefined });
  return { rows: run, cut: true };
}

/** A pull's next cursor never goes back behind the client's: a watermark may trail a cursor. */
export const cursorAfter = (watermark: bigint, since: bigint) =>
  watermark > since ? watermark : since;

/**
 * Reads the changes after the cursor, up to the watermark. Call inside a REPEATABLE READ
 * transaction whose snapshot was taken after the watermark was read (readInSnapshot): every change
 * at or below the watermark is then in the snapshot, and every change above it comes next time —
 * none missed, none repeated.
 */
export async function pullChanges(
  tx: Db,
  pull: PullRequest,
  watermark: bigint,
): Promise<PullResult> {
  const request = { ...pull, untilMicros: watermark };
  const { rows: page, cut } = await readCutPage(tx, request);

  const changes: PulledChange[] = [];
  for (const change of page) {
    const stamp = BigInt(change.stamp);
    if (change.removal) {
      const serverVersion = change.exit_version!;
      changes.push({
        entity: change.entity,
        id: change.id,
        stamp,
        removal: true,
        serverVersion,
        deleted: true,
        resourceType: change.exit_type!,
        json: JSON.stringify(scopeRemoval(change.id, serverVersion, stamp)),
      });
      continue;
    }
    if (change.json === null) continue; // purged since it was stamped
    const meta = JSON.parse(change.json) as WireRow;
    changes.push({
      entity: change.entity,
      id: change.id,
      stamp,
      removal: false,
      serverVersion: meta.server_version,
      deleted: meta.deleted,
      resourceType: entityNamed(change.entity).resourceTypeOf(meta),
      json: change.json,
    });
  }
  const last = page.at(-1);
  const served = cursorAfter(watermark, request.sinceMicros);
  const nextCursor = cut && last !== undefined ? BigInt(last.stamp) : served;
  return {
    changes,
    watermark: served,
    hasMore: cut,
    nextCursor,
    nextCursorText: formatCursor(
      nextCursor,
      cut && (request.firstSync ?? request.sinceMicros === 0n),
    ),
  };
}

/**
 * The stamps a pull's cursor is checked against, and a fingerprint (ETag) of everything a pull of
 * this scope could return: any change in scope raises the highest stamp, so equal fingerprints mean
 * an identical body. One cheap query (index max per table).
 */
export async function readPullState(
  tx: Db,
  request: PullRequest,
  queryKey: string,
): Promise<{ etag: string; stamps: SyncStamps }> {
  const { text, params } = pullStateSql(request);
  const [row] = await tx.$queryRawUnsafe<
    ({ highest: bigint | null } & Parameters<typeof syncStampsOf>[0])[]
  >(prepared(text), ...params);
  const highest = row?.highest ?? 0n;
  const scope = `${request.user.role === 'admin' ? 'all' : request.user.facilityId}|${request.user.role}`;
  const digest = createHash('sha256').update(`${queryKey}|${scope}|${highest}`).digest('base64url');
  return { etag: `"${digest.slice(0, 22)}"`, stamps: syncStampsOf(row!) };
}

/** The query of readPullState: the highest stamp in scope (index max per table), and the clocks. */
export function pullStateSql(request: PullRequest): Sql {
  const params = boundParams(request, 0n);
  // The highest stamp of each table: the last entry of its range, read backwards.
  const parts = request.entities.map((entity) => {
    const { table } = entityNamed(entity);
    const { where, orderBy } = changedRowsSql(request, entity, params);
    const backwards = orderBy.map((column) => `${column} DESC`).join(', ');
    return `(SELECT stamp FROM "${table}" WHERE ${where} ORDER BY ${backwards} LIMIT 1)`;
  });
  const exits = exitEntities(request);
  if (exits.length) {
    params.push(scopeFacility(request.user));
    parts.push(
      `SELECT max(stamp) FROM scope_exit WHERE facility_id = $${params.length}::uuid${exitUpperBound(request)}`,
    );
  }
  // A page of at most `limit` rows (the feed's usual case) is a merge of index range scans for any
  // cursor: its prepared statement's generic plan is the right one, and planning it anew for each
  // cursor cost a third of running it. The setting lasts until this snapshot's transaction ends.
  const genericPlans = request.limit
    ? `, set_config('plan_cache_mode', 'force_generic_plan', true) AS plan_cache_mode`
    : '';
  return {
    text: `SELECT (SELECT max(stamp) FROM (${parts.join(' UNION ALL ')}) AS s) AS highest, ${syncStampsSql(request.untilMicros === undefined ? 'NULL::bigint' : `${UNTIL_PARAM}::bigint`)}${genericPlans}`,
    params,
  };
}
