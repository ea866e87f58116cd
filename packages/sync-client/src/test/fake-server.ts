import {
  INITIAL_CURSOR,
  UploadChange,
  UploadRequest,
  formatMicros,
  isHealthRecordType,
  parseTimestamp,
} from '@healthsync/contracts';
import type {
  ChangeResult,
  DownloadChange,
  SyncConflict,
  UploadConflict,
  UploadReceipt,
} from '@healthsync/contracts';
import type { FetchLike } from '../sync/http';

type Json = Record<string, unknown>;

export const FACILITY = '0190a0a0-0000-7000-8000-000000000001';
export const USER = '0190a0a0-0000-7000-8000-000000000002';

/** What a fault does to one request: fail before the server sees it, or after it committed. */
export type Fault = 'drop-request' | 'drop-response' | { status: number; body?: Json };

interface ServerRow {
  id: string;
  resourceType: string;
  data: Json;
  version: number;
  stamp: bigint;
  created: bigint;
  deleted: boolean;
}

const DEFAULTS: Record<string, Json> = {
  Patient: {
    owner: USER,
    name: '',
    dob: null,
    gender: null,
    phone_number: null,
    address: null,
    identifiers: {},
    fhir: null,
    facility_id: FACILITY,
  },
  Appointment: {
    doctor_id: null,
    status: 'PENDING',
    symptoms: null,
    diagnosis: null,
    prescription: null,
    follow_up_date: null,
    facility_id: FACILITY,
  },
  Medicine: { name: '', strength: null, form: null },
  Pharmacy: { name: '', address: null, village: null, facility_id: FACILITY },
  InventoryItem: { pharmacy_name: 'Pharmacy', medicine_name: 'Medicine' },
};

/**
 * A small in-memory stand-in for the sync endpoints (upload, download, conflicts, token refresh),
 * with the contract's semantics: idempotent batches, base_version conflicts, stamp cursors, 410.
 * Unit tests only; the property test runs the real API app.
 */
export class FakeServer {
  rows = new Map<string, ServerRow>();
  receipts = new Map<string, UploadReceipt>();
  conflicts = new Map<string, SyncConflict & { action?: string }>();
  stamp = 1_700_000_000_000_000n;
  access = 'access-1';
  refresh = 'refresh-1';
  refreshCalls = 0;
  /** Cursors older than this get 410 (except the epoch). */
  purgeWatermark: bigint | null = null;
  log: { method: string; path: string; batchId?: string }[] = [];
  fault: ((req: { method: string; path: string }) => Fault | undefined) | null = null;
  #ids = 0;

  #nextStamp(): bigint {
    this.stamp += 1n;
    return this.stamp;
  }

  id(): string {
    this.#ids += 1;
    return `0190b0b0-0000-7000-8000-${String(this.#ids).padStart(12, '0')}`;
  }

  /** The row as the REST endpoints would show it. */
  wire(row: ServerRow): Json {
    const stamp = formatMicros(row.stamp);
    const base = {
      id: row.id,
      server_version: row.version,
      created_at: formatMicros(row.created),
      last_synced_at: null,
      deleted: row.deleted,
    };
    if (row.resourceType === 'InventoryItem') return { ...row.data, ...base, last_updated: stamp };
    return { ...row.data, ...base, updated_at: stamp };
  }

  seed(resourceType: string, data: Json): string {
    const id = typeof data.id === 'string' ? data.id : this.id();
    const rest = { ...data };
    delete rest.id;
    const fields = isHealthRecordType(resourceType)
      ? {
          patient: rest.patient,
          resource_type: resourceType,
          data: rest.data ?? {},
          facility_id: FACILITY,
        }
      : { ...DEFAULTS[resourceType], ...rest };
    const stamp = this.#nextStamp();
    this.rows.set(id, {
      id,
      resourceType,
      data: fields,
      version: 1,
      stamp,
      created: stamp,
      deleted: false,
    });
    return id;
  }

  /** Another device's edit, straight on the server. */
  edit(id: string, changes: Json): void {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no row ${id}`);
    row.data = { ...row.data, ...changes };
    row.version += 1;
    row.stamp = this.#nextStamp();
  }

  remove(id: string): void {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no row ${id}`);
    row.deleted = true;
    row.version += 1;
    row.stamp = this.#nextStamp();
  }

  fetch: FetchLike = async (url, init) => {
    const { pathname, searchParams } = new URL(url, 'http://fake');
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Json) : null;
    this.log.push({
      method,
      path: `${pathname}${searchParams.size ? `?${searchParams}` : ''}`,
      ...(body?.batch_id ? { batchId: String(body.batch_id) } : {}),
    });
    const fault = this.fault?.({ method, path: pathname });
    if (fault === 'drop-request') throw new TypeError('fetch failed (injected: request lost)');
    if (fault && typeof fault === 'object')
      return json(fault.status, fault.body ?? { detail: 'injected' });
    const response = this.#handle(method, pathname, searchParams, body, new Headers(init.headers));
    if (fault === 'drop-response') throw new TypeError('fetch failed (injected: response lost)');
    return response;
  };

  #handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Json | null,
    headers: Headers,
  ): Response {
    if (path === '/api/auth/token/refresh/') {
      this.refreshCalls += 1;
      if (body?.refresh !== this.refresh)
        return json(401, { detail: 'Token is invalid or expired', error_code: 'TOKEN_INVALID' });
      this.access = `access-${this.refreshCalls + 1}`;
      this.refresh = `refresh-${this.refreshCalls + 1}`;
      return json(200, { access: this.access, refresh: this.refresh });
    }
    if (headers.get('authorization') !== `Bearer ${this.access}`) {
      return json(401, {
        detail: 'Given token not valid for any token type',
        error_code: 'TOKEN_INVALID',
      });
    }
    if (method === 'POST' && path === '/api/sync/upload/') return json(200, this.#upload(body));
    if (method === 'GET' && path === '/api/sync/download/') return this.#download(query);
    const resolve = /^\/api\/sync\/conflicts\/([^/]+)\/resolve\/$/.exec(path);
    if (method === 'POST' && resolve?.[1]) {
      const conflict = this.conflicts.get(resolve[1]);
      if (!conflict) return json(404, { detail: 'Not found.', error_code: 'NOT_FOUND' });
      const action = String(body?.action);
      conflict.action = action;
      conflict.status = action === 'reapply' ? 'reapplied' : 'discarded';
      const { action: _a, ...plain } = conflict;
      return json(200, { conflict: plain, row: null });
    }
    if (method === 'GET' && path === '/api/sync/conflicts/') {
      return json(
        200,
        [...this.conflicts.values()]
          .filter((c) => c.status === 'open')
          .map(({ action: _a, ...c }) => c),
      );
    }
    return json(404, { detail: 'Not found.', error_code: 'NOT_FOUND' });
  }

  #download(query: URLSearchParams): Response {
    const since = query.get('since') ?? INITIAL_CURSOR;
    const parsed = parseTimestamp(since);
    if (!parsed.ok)
      return json(400, {
        detail: 'bad since',
        error_code: 'VALIDATION_ERROR',
        errors: { since: 'bad' },
      });
    if (
      this.purgeWatermark !== null &&
      since !== INITIAL_CURSOR &&
      parsed.micros < this.purgeWatermark
    ) {
      return json(410, { error_code: 'RESYNC_REQUIRED', detail: 'Cursor too old' });
    }
    const limit = Number(query.get('limit') ?? 1000);
    const newer = [...this.rows.values()]
      .filter((r) => r.stamp > parsed.micros)
      .sort((a, b) => (a.stamp < b.stamp ? -1 : 1));
    const page = newer.slice(0, limit);
    const hasMore = newer.length > limit;
    const changes: DownloadChange[] = page.map((row) => ({
      server_id: row.id,
      resource_type: row.resourceType,
      data: this.wire(row),
      server_version: row.version,
      updated_at: formatMicros(row.stamp),
      deleted: row.deleted,
    }));
    const serverTime = formatMicros(this.stamp);
    const last = page.at(-1);
    return json(200, {
      changes,
      server_time: serverTime,
      has_more: hasMore,
      next_cursor: hasMore && last ? formatMicros(last.stamp) : serverTime,
    });
  }

  #upload(body: Json | null): UploadReceipt {
    const request = UploadRequest.parse(body);
    const stored = request.batch_id ? this.receipts.get(request.batch_id) : undefined;
    if (stored) return stored;
    const results: ChangeResult[] = [];
    const conflicts: UploadConflict[] = [];
    request.changes.forEach((raw, index) => {
      const change = UploadChange.parse(raw);
      const result: ChangeResult = {
        index,
        status: 'created',
        resource_type: change.resource_type,
        server_id: null,
        client_temp_id: change.client_temp_id ?? null,
        client_change_id: change.client_change_id ?? null,
        server_version: null,
        updated_at: null,
        conflict_id: null,
        errors: null,
      };
      const type = isHealthRecordType(change.resource_type) ? 'HealthRecord' : change.resource_type;
      if (change.operation === 'create') {
        const payload = { ...change.payload };
        const id = String(payload.id);
        if (type === 'Patient' && !String(payload.name ?? '').trim()) {
          results.push({ ...result, status: 'rejected', errors: { name: 'Required' } });
          return;
        }
        if (!this.rows.has(id)) {
          if (type === 'HealthRecord') {
            const { patient_id, id: _id, ...data } = payload;
            this.seed(change.resource_type, { id, patient: patient_id, data });
          } else {
            this.seed(type, payload);
          }
        }
        const row = this.rows.get(id);
        results.push({
          ...result,
          server_id: id,
          server_version: row?.version ?? 1,
          updated_at: formatMicros(row?.stamp ?? 0n),
        });
        return;
      }
      const row = change.server_id ? this.rows.get(change.server_id) : undefined;
      if (!row) {
        results.push({
          ...result,
          status: 'rejected',
          server_id: change.server_id ?? null,
          errors: { server_id: 'Not found' },
        });
        return;
      }
      if (change.base_version !== row.version) {
        const conflictId = this.id();
        const current = this.wire(row);
        this.conflicts.set(conflictId, {
          id: conflictId,
          status: 'open',
          resource_type: change.resource_type,
          server_id: row.id,
          source: 'upload',
          user_id: USER,
          device_id: request.device_id,
          batch_id: request.batch_id ?? null,
          client_change_id: change.client_change_id ?? null,
          client_version: `v${change.base_version}`,
          server_version: formatMicros(row.stamp),
          client_changes: change.payload,
          client_changed_fields: Object.keys(change.payload),
          server_changed_fields: [],
          server_row: current,
          created_at: formatMicros(this.stamp),
          resolved_at: null,
          resolved_by: null,
        });
        results.push({ ...result, status: 'conflict', server_id: row.id, conflict_id: conflictId });
        conflicts.push({
          index,
          conflict_id: conflictId,
          server_id: row.id,
          resource_type: change.resource_type,
          reason: 'server_newer',
          client_version: `v${change.base_version}`,
          server_version: formatMicros(row.stamp),
          current,
        });
        return;
      }
      if (change.operation === 'delete') {
        this.remove(row.id);
        results.push({
          ...result,
          status: 'deleted',
          server_id: row.id,
          server_version: row.version,
          updated_at: formatMicros(row.stamp),
        });
        return;
      }
      if (type === 'HealthRecord') {
        this.edit(row.id, { data: { ...(row.data.data as Json), ...change.payload } });
      } else {
        this.edit(row.id, change.payload);
      }
      results.push({
        ...result,
        status: 'updated',
        server_id: row.id,
        server_version: row.version,
        updated_at: formatMicros(row.stamp),
      });
    });
    const now = formatMicros(this.stamp);
    const receipt: UploadReceipt = {
      batch_id: request.batch_id ?? this.id(),
      status: 'applied',
      device_id: request.device_id,
      results,
      conflicts,
      server_time: now,
      created_at: now,
      processed_at: now,
    };
    this.receipts.set(receipt.batch_id, receipt);
    return receipt;
  }

  live(resourceType: string): Json[] {
    return [...this.rows.values()]
      .filter((r) => r.resourceType === resourceType && !r.deleted)
      .map((r) => this.wire(r));
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
