import { z } from 'zod';
import {
  AdminListQuery,
  AdminUser,
  AuditEntry,
  AuditQuery,
  CreateUserInput,
  DeviceHealth,
  Facility,
  FacilityInput,
  MedicineInput,
  PharmacyInput,
  UpdateUserInput,
} from './admin';
import { IdParams } from './common';
import { Medicine } from './medicine';
import { Pharmacy } from './pharmacy';
import {
  ConflictListQuery,
  DownloadQuery,
  DownloadResponse,
  ResolveConflictRequest,
  ResolveConflictResponse,
  SyncConflict,
  SyncStatus,
  TriggerResponse,
  UploadQuery,
  UploadReceipt,
  UploadRequest,
} from './sync';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint as both sides see it: the API registers its route from it (schemas, OpenAPI
 * summary) and a client builds its URL and checks its answer by it. `responses` holds the
 * successful answers; the error bodies are the API's common ones (errors.ts).
 */
export interface Endpoint {
  readonly method: HttpMethod;
  /** With `:name` path parameters, as the router matches it. */
  readonly path: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly responses: Readonly<Record<number, z.ZodType>>;
}

const endpoint = <const E extends Endpoint>(e: E): E => e;

/** A paged list's description (the body is the bare array the spec shows). */
export const PAGED_LIST_DESCRIPTION =
  'A bare array of at most `limit` rows. While `X-Has-More` is true, the `Link` header (rel="next") is the URL of the next page.';

const admin = ['admin'] as const;
const sync = ['sync'] as const;

/** Users, facilities, pharmacies, medicines, device sync health and the audit log: admins only. */
export const ADMIN_ENDPOINTS = {
  listUsers: endpoint({
    method: 'GET',
    path: '/api/admin/users/',
    tags: admin,
    summary: 'Every account, by username, a page at a time',
    description: PAGED_LIST_DESCRIPTION,
    query: AdminListQuery,
    responses: { 200: z.array(AdminUser) },
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/admin/users/',
    tags: admin,
    summary: 'Create an account',
    body: CreateUserInput,
    responses: { 201: AdminUser },
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/admin/users/:id/',
    tags: admin,
    summary:
      'Change an account (a new password, deactivation, or a new role, facility or pharmacy signs it out everywhere)',
    params: IdParams,
    body: UpdateUserInput,
    responses: { 200: AdminUser },
  }),
  listFacilities: endpoint({
    method: 'GET',
    path: '/api/admin/facilities/',
    tags: admin,
    summary: 'Every facility, by name, a page at a time',
    description: PAGED_LIST_DESCRIPTION,
    query: AdminListQuery,
    responses: { 200: z.array(Facility) },
  }),
  createFacility: endpoint({
    method: 'POST',
    path: '/api/admin/facilities/',
    tags: admin,
    summary: 'Create a facility',
    body: FacilityInput,
    responses: { 201: Facility },
  }),
  createPharmacy: endpoint({
    method: 'POST',
    path: '/api/admin/pharmacies/',
    tags: admin,
    summary: 'Create a pharmacy',
    body: PharmacyInput,
    responses: { 201: Pharmacy },
  }),
  updatePharmacy: endpoint({
    method: 'PATCH',
    path: '/api/admin/pharmacies/:id/',
    tags: admin,
    summary: 'Change a pharmacy',
    params: IdParams,
    body: PharmacyInput.omit({ id: true }).partial(),
    responses: { 200: Pharmacy },
  }),
  createMedicine: endpoint({
    method: 'POST',
    path: '/api/admin/medicines/',
    tags: admin,
    summary: 'Add a medicine',
    body: MedicineInput,
    responses: { 201: Medicine },
  }),
  updateMedicine: endpoint({
    method: 'PATCH',
    path: '/api/admin/medicines/:id/',
    tags: admin,
    summary: 'Change a medicine',
    params: IdParams,
    body: MedicineInput.omit({ id: true }).partial(),
    responses: { 200: Medicine },
  }),
  listDevices: endpoint({
    method: 'GET',
    path: '/api/admin/devices/',
    tags: admin,
    summary: 'Sync health of every device, most recently seen first, a page at a time',
    description: PAGED_LIST_DESCRIPTION,
    query: AdminListQuery,
    responses: { 200: z.array(DeviceHealth) },
  }),
  listAudit: endpoint({
    method: 'GET',
    path: '/api/admin/audit/',
    tags: admin,
    summary: 'The audit log, newest first (read-only), a page at a time',
    description:
      'A bare array of at most `limit` entries. While `X-Has-More` is true, the `Link` header (rel="next") is the URL of the next page (`before_id` = the last entry\'s id).',
    query: AuditQuery,
    responses: { 200: z.array(AuditEntry) },
  }),
} as const;

/** The sync protocol's own endpoints (the per-resource ones come from the entity registry). */
export const SYNC_ENDPOINTS = {
  status: endpoint({
    method: 'GET',
    path: '/api/sync/status/',
    tags: sync,
    summary: 'How this server syncs',
    responses: { 200: SyncStatus },
  }),
  download: endpoint({
    method: 'GET',
    path: '/api/sync/download/',
    tags: sync,
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
    tags: sync,
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
    tags: sync,
    summary: 'The receipt of an uploaded batch',
    params: IdParams,
    responses: { 200: UploadReceipt },
  }),
  trigger: endpoint({
    method: 'POST',
    path: '/api/sync/trigger/:batch_id/',
    tags: sync,
    summary: 'Queue the processing of a stored batch (idempotent: an applied batch stays as it is)',
    params: z.object({ batch_id: z.uuid() }),
    responses: { 200: TriggerResponse },
  }),
  listConflicts: endpoint({
    method: 'GET',
    path: '/api/sync/conflicts/',
    tags: sync,
    summary: "Your rejected changes (admins: everyone's), newest first, a page at a time",
    description: PAGED_LIST_DESCRIPTION,
    query: ConflictListQuery,
    responses: { 200: z.array(SyncConflict) },
  }),
  resolveConflict: endpoint({
    method: 'POST',
    path: '/api/sync/conflicts/:id/resolve/',
    tags: sync,
    summary: 'Re-apply your change on top of the server row, or discard it',
    params: IdParams,
    body: ResolveConflictRequest,
    responses: { 200: ResolveConflictResponse },
  }),
} as const;

/** The URL of an endpoint: its path with `params` filled in, and `query` (undefined values left out). */
export function endpointUrl(
  e: Pick<Endpoint, 'path'>,
  params: Readonly<Record<string, string>> = {},
  query: Readonly<Record<string, string | number | boolean | undefined>> = {},
): string {
  const path = e.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${e.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const text = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return text ? `${path}?${text}` : path;
}
