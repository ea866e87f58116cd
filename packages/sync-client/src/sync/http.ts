import { ErrorBody, RefreshRequest, TokenPair } from '@healthsync/contracts';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { noLock } from './auth';
import type { SyncLock, TokenRefresher, TokenStore } from './auth';
import { HttpError, NetworkError, ProtocolError, SignInRequiredError } from './errors';

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
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** Sends the JSON body gzip-compressed (`Content-Encoding: gzip`). */
  gzip?: boolean;
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
        signal: controller.signal,
      });
    } catch (error) {
      throw new NetworkError(`${request.method} ${request.path} failed: ${String(error)}`, error);
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
      { method: 'POST', path: '/api/auth/token/refresh/', json: RefreshRequest.parse({ refresh }) },
      '',
    );
    if (response.status === 400 || response.status === 401) return null;
    const json = await readJson(response);
    if (!response.ok) throw httpError(response.status, json, 'token refresh');
    return parseWith(TokenPair, json, 'token refresh');
  }

  /** Sends an authenticated request; throws SignInRequiredError when the tokens cannot be renewed. */
  async request(request: HttpRequest): Promise<RawResponse> {
    const { tokens } = this.#options;
    const pair = await tokens.get();
    if (!pair) throw new SignInRequiredError('Not signed in');
    let response = await this.#send(request, pair.access);
    if (response.status === 401) {
      await response.body?.cancel().catch(() => undefined);
      const next = await this.#renew(pair);
      if (!next) throw new SignInRequiredError('The session has expired');
      response = await this.#send(request, next.access);
      if (response.status === 401)
        throw new SignInRequiredError('The server refused the renewed token');
    }
    return { status: response.status, headers: response.headers, json: await readJson(response) };
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 304) return null;
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new NetworkError(`Reading the response failed: ${String(error)}`, error);
  }
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok)
      throw new ProtocolError(`HTTP ${response.status} with a body that is not JSON`);
    return null;
  }
}

export function httpError(status: number, json: unknown, what: string): HttpError {
  const body = ErrorBody.safeParse(json);
  return new HttpError(status, body.success ? body.data : null, what);
}

export function parseWith<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ProtocolError(
      `${what}: the response does not match the contract: ${parsed.error.message}`,
    );
  return parsed.data;
}
