import { z } from 'zod';
import { IdParams } from '../common';
import { ENTITY_CONTRACTS, type EntityContract, type EntityName } from '../entities';
import {
  ConflictListQuery,
  DownloadQuery,
  DownloadResponse,
  ResolveConflictRequest,
  ResolveConflictResponse,
  ResourceSyncQuery,
  ScopeRemoval,
  SyncConflict,
  SyncStatus,
  TriggerResponse,
  UploadQuery,
  UploadReceipt,
  UploadRequest,
} from '../sync';
import { endpoint, PAGED_LIST_DESCRIPTION } from './endpoint';

const syncTag = ['sync'] as const;

/** The sync protocol's own endpoints (the per-resource ones come from the entity registry, below). */
export const SYNC_ENDPOINTS = {
  status: endpoint({
    method: 'GET',
    path: '/api/sync/status/',
    tags: syncTag,
    summary: 'How this server syncs',
    responses: { 200: SyncStatus },
  }),
  download: endpoint({
    method: 'GET',
    path: '/api/sync/download/',
    tags: syncTag,
    summary: 'Every change in your scope after `since`, oldest first, in pages',
    description:
      'Pass `next_cursor` back as `since` while `has_more` is true; then keep `server_time` for the next sync. ' +
      '`since=1970-01-01T00:00:00Z` downloads everything. A cursor older than the purge watermark gets 410 RESYNC_REQUIRED.',
    query: DownloadQuery,
    responses: { 200: DownloadResponse },
  }),
  upload: endpoint({
    method: 'POST',
    path: '/api/sync/upload/',
    tags: syncTag,
    summary: 'Upload a batch of changes from a device',
    description:
      'Applied in one transaction, with one result per change. Replaying a batch_id returns the stored receipt. ' +
      '`?async=true` stores the batch for the background worker (202).',
    query: UploadQuery,
    body: UploadRequest,
    responses: { 200: UploadReceipt, 202: UploadReceipt },
  }),
  batch: endpoint({
    method: 'GET',
    path: '/api/sync/batches/:id/',
    tags: syncTag,
    summary: 'The receipt of an uploaded batch',
    params: IdParams,
    responses: { 200: UploadReceipt },
  }),
  trigger: endpoint({
    method: 'POST',
    path: '/api/sync/trigger/:batch_id/',
    tags: syncTag,
    summary: 'Queue the processing of a stored batch (idempotent: an applied batch stays as it is)',
    params: z.object({ batch_id: z.uuid() }),
    responses: { 200: TriggerResponse },
  }),
  listConflicts: endpoint({
    method: 'GET',
    path: '/api/sync/conflicts/',
    tags: syncTag,
    summary: "Your rejected changes (admins: everyone's), newest first, a page at a time",
    description: PAGED_LIST_DESCRIPTION,
    query: ConflictListQuery,
    responses: { 200: z.array(SyncConflict) },
  }),
  resolveConflict: endpoint({
    method: 'POST',
    path: '/api/sync/conflicts/:id/resolve/',
    tags: syncTag,
    summary: 'Re-apply your change on top of the server row, or discard it',
    params: IdParams,
    body: ResolveConflictRequest,
    responses: { 200: ResolveConflictResponse },
  }),
  events: endpoint({
    method: 'GET',
    path: '/api/sync/events',
    tags: syncTag,
    summary: 'Server-sent events: `event: change` when something in your scope changed',
    description:
      'Send the access token in the Authorization header (use fetch streaming; EventSource cannot set headers).',
    // A text/event-stream, not JSON: no schema.
    responses: {},
  }),
} as const;

/** An entity's per-resource sync endpoint (docs/api.md#per-resource-sync), from its contract. */
export function resourceSyncEndpoint<S extends z.ZodType>(
  schema: S,
  sync: NonNullable<EntityContract['sync']>,
) {
  return endpoint({
    method: 'GET',
    path: sync.path,
    tags: syncTag,
    summary: sync.summary,
    description:
      'Rows changed after last_sync_timestamp (all live rows when absent), oldest first, tombstones included. ' +
      'A row that left your facility comes as a bare removal (id, server_version, updated_at, deleted: true). ' +
      'Store X-Last-Sync and send it back as last_sync_timestamp: you get every change exactly once. ' +
      'A page holds at most `limit` rows: while X-Has-More is true, follow the Link header (rel="next"), which does just that. If-None-Match → 304.',
    query: ResourceSyncQuery,
    responses: { 200: z.array(z.union([schema, ScopeRemoval])) },
  });
}

/** GET /api/{patients,appointments,records,doctors,pharmacy-inventory}/sync/, by entity. */
export const RESOURCE_SYNC_ENDPOINTS: Partial<
  Record<EntityName, ReturnType<typeof resourceSyncEndpoint>>
> = Object.fromEntries(
  ENTITY_CONTRACTS.flatMap((contract) =>
    contract.sync ? [[contract.name, resourceSyncEndpoint(contract.schema, contract.sync)]] : [],
  ),
);
