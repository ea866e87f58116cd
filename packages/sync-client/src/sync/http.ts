import {
  AUTH_ENDPOINTS,
  endpointUrl,
  HealthSyncError,
  type HttpMethod,
  RefreshRequest,
  TokenPair,
} from '@healthsync/contracts';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { noLock } from './auth';
import type { SyncLock, TokenRefresher, TokenStore } from './auth';

/** `fetch`, or anything shaped like it (tests pass one that calls Fastify's `app.inject`). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  baseUrl: string;
  fetch: FetchLike;
  tokens: TokenStore;
  refresh?: TokenRefresher;
  /** Serializes refreshes with the other clients of these tokens (default: none). */
  lock?: SyncLock;
  clock: Clock;
  timeoutMs: number;
  /** Sent as X-Device-Id, so the server's audit log and device health name this device. */
  deviceId?: string;
}

export interface HttpRequest {
  method: HttpMethod;
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** Sends the JSON body gzip-compressed (`Content-Encoding: gzip`). */
  gzip?: boolean;
  /** The browser's HTTP cache mode (`no-store` for screens that must show the server's now). */
  cache?: RequestCache;
}

/** A 2xx answer, its body parsed with the contract the caller gave. */
export interface ParsedResponse<T> {
  data: T;
  headers: Headers;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text])
    .stream()
    .pipeThrough(
      new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
  return new Response(stream).arrayBuffer();
}

export function canGzip(): boolean {
  return typeof CompressionStream === 'function';
}

/**
 * HTTP with bearer auth: a 401 refreshes the tokens once (single flight, under the 'refresh' lock)
 * and retries once.
 */
export class Http {
  readonly #options: HttpOptions;
  #refreshing: Promise<TokenPair | null> | null = null;

  constructor(options: HttpOptions) {
    this.#options = options;
  }

  async #send(request: HttpRequest, access: string): Promise<Response> {
    const { baseUrl, fetch, clock, timeoutMs } = this.#options;
    const controller = new AbortController();
    const timer = clock.setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (access) headers.Authorization = `Bearer ${access}`;
    if (this.#options.deviceId) headers['X-Device-Id'] = this.#options.deviceId;
    let body: BodyInit | undefined;
    if (request.json !== undefined) {
      const text = JSON.stringify(request.json);
      headers['Content-Type'] = 'application/json';
      if (request.gzip && canGzip()) {
        body = await gzip(text);
        headers['Content-Encoding'] = 'gzip';
      } else {
        body = text;
      }
    }
    try {
      return await fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(request.cache ? { cache: request.cache } : {}),
        signal: controller.signal,
      });
    } catch (error) {
      throw HealthSyncError.local(
        'NETWORK_ERROR',
        `${request.method} ${request.path} failed: ${String(error)}`,
        error,
      );
    } finally {
      clock.clearTimeout(timer);
    }
  }

  /** The pair to use after `stale` got a 401: renewed once, whoever asks (here or elsewhere). */
  async #renew(stale: TokenPair): Promise<TokenPair | null> {
    const { tokens, lock = noLock } = this.#options;
    // Rotating refresh tokens die on use: callers here share one exchange, other clients of the
    // same tokens wait on the lock and then find the renewed pair already stored.
    this.#refreshing ??= lock('refresh', async () => {
      const latest = await tokens.get();
      if (!latest || latest.access !== stale.access) return latest;
      const refresh = this.#options.refresh ?? ((token) => this.#defaultRefresh(token));
      const next = await refresh(latest.refresh);
      if (next) await tokens.set(next);
      else await tokens.clear();
      return next;
    }).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #defaultRefresh(refresh: string): Promise<TokenPair | null> {
    const response = await this.#send(
      {
        method: AUTH_ENDPOINTS.refresh.method,
        path: endpointUrl(AUTH_ENDPOINTS.refresh),
        json: RefreshRequest.parse({ refresh }),
      },
      '',
    );
    if (response.status === 400 || response.status === 401) return null;
    const json = await readJson(response);
    if (!response.ok) throw HealthSyncError.fromResponse(response.status, json, 'token refresh');
    return parseWith(TokenPair, json, 'token refresh');
  }

  /**
   * Sends an authenticated request and returns whatever the server answered, except a 401: that
   * renews the tokens once and retries, and when it cannot, throws a HealthSyncError of kind 'auth'
   * (the user must sign in again).
   */
  async request(request: HttpRequest): Promise<RawResponse> {
    const { tokens } = this.#options;
    const pair = await tokens.get();
    if (!pair) throw HealthSyncError.local('NOT_AUTHENTICATED', 'Not signed in');
    let response = await this.#send(request, pair.access);
    if (response.status === 401) {
      await response.body?.cancel().catch(() => undefined);
      const next = await this.#renew(pair);
      if (!next) throw HealthSyncError.local('TOKEN_INVALID', 'The session has expired');
      response = await this.#send(request, next.access);
      if (response.status === 401)
        throw HealthSyncError.fromResponse(401, await readJson(response), 'renewed token');
    }
    return { status: response.status, headers: response.headers, json: await readJson(response) };
  }

  /** An authenticated request whose answer must be a 2xx matching `schema`; else it throws. */
  async call<T>(schema: z.ZodType<T>, request: HttpRequest): Promise<ParsedResponse<T>> {
    const what = `${request.method} ${request.path}`;
    const response = await this.request(request);
    if (response.status < 200 || response.status >= 300)
      throw HealthSyncError.fromResponse(response.status, response.json, what);
    return { data: parseWith(schema, response.json, what), headers: response.headers };
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 304) return null;
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw HealthSyncError.local(
      'NETWORK_ERROR',
      `Reading the response failed: ${String(error)}`,
      error,
    );
  }
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok)
      throw HealthSyncError.local(
        'PROTOCOL_ERROR',
        `HTTP ${response.status} with a body that is not JSON`,
      );
    return null;
  }
}

export function parseWith<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw HealthSyncError.local(
      'PROTOCOL_ERROR',
      `${what}: the response does not match the contract: ${parsed.error.message}`,
    );
  return parsed.data;
}
