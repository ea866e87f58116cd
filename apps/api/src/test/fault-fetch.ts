// A `fetch` for @healthsync/sync-client that delivers requests to the real app through
// `app.inject`, with faults chosen per request: the network of the sync-client property test
// (src/sync-client.property.test.ts). Nothing here waits on real time.
import type { FastifyInstance } from 'fastify';
import type { FetchLike, ManualClock } from '@healthsync/sync-client';

/**
 * What happens to one request:
 * - ok: delivered, answered;
 * - lose-request: never reaches the server (a network TypeError);
 * - lose-response: the server handles (and commits) it, the answer is lost;
 * - error-500: a proxy answers 500 without calling the server;
 * - timeout: no answer until the client's timer aborts it; never delivered;
 * - timeout-late: the client times out, and the request reaches the server later, after the next
 *   delivered request (a stale upload arriving after newer ones);
 * - duplicate: delivered twice, the client sees one answer;
 * - reorder: held back until another request has been delivered, then delivered and answered.
 */
export const FAULTS = [
  'ok',
  'lose-request',
  'lose-response',
  'error-500',
  'timeout',
  'timeout-late',
  'duplicate',
  'reorder',
] as const;
export type Fault = (typeof FAULTS)[number];

interface Injected {
  status: number;
  headers: Headers;
  body: Buffer;
}

interface Held {
  device: string;
  deliver: () => Promise<Injected>;
  /** The client still waits for this one (reorder); absent when it has given up (timeout-late). */
  answer?: { resolve: (r: Response) => void; reject: (e: unknown) => void };
}

export interface NetworkLogEntry {
  device: string;
  fault: Fault;
  method: string;
  path: string;
  status: number | null;
}

const networkError = () => new TypeError('fetch failed (injected)');

function toResponse(injected: Injected): Response {
  const empty = injected.status === 204 || injected.status === 304;
  return new Response(empty ? null : new Uint8Array(injected.body), {
    status: injected.status,
    headers: injected.headers,
  });
}

/**
 * The network between every device and the server. Each device draws its faults from its own
 * queue (one per request, `ok` when exhausted); `heal()` switches faults off and delivers whatever
 * was held back.
 */
export class FaultNetwork {
  readonly #app: FastifyInstance;
  #held: Held[] = [];
  #holdWaiters: { device: string | undefined; wake: () => void }[] = [];
  healed = false;
  readonly log: NetworkLogEntry[] = [];
  /** Requests that reached the server (including duplicates and late deliveries). */
  delivered = 0;

  constructor(app: FastifyInstance) {
    this.#app = app;
  }

  async #inject(url: string, init: RequestInit): Promise<Injected> {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = init.body;
    const payload =
      body === undefined || body === null
        ? undefined
        : typeof body === 'string'
          ? body
          : Buffer.from(
              body instanceof ArrayBuffer ? body : await new Response(body).arrayBuffer(),
            );
    const response = await this.#app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    this.delivered += 1;
    const out = new Headers();
    for (const [key, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(key, String(v));
    }
    return { status: response.statusCode, headers: out, body: response.rawPayload };
  }

  /** Delivers and, afterwards, lets every held-back request through (they went second). */
  async #deliver(url: string, init: RequestInit): Promise<Injected> {
    const injected = await this.#inject(url, init);
    await this.releaseHeld();
    return injected;
  }

  /** Delivers the held-back requests (answering those whose client still waits). */
  async releaseHeld(device?: string): Promise<void> {
    const due = this.#held.filter((h) => device === undefined || h.device === device);
    this.#held = this.#held.filter((h) => !due.includes(h));
    for (const held of due) {
      try {
        const injected = await held.deliver();
        held.answer?.resolve(toResponse(injected));
      } catch (error) {
        held.answer?.reject(error);
      }
    }
  }

  /**
   * A device is killed: its held-back requests either still reach the server (they were on the
   * wire) or vanish; either way the dead client never sees an answer.
   */
  async killDevice(device: string, deliver: boolean): Promise<void> {
    const mine = this.#held.filter((h) => h.device === device);
    this.#held = this.#held.filter((h) => h.device !== device);
    for (const held of mine) {
      held.answer?.reject(networkError());
      if (deliver) await held.deliver().catch(() => undefined);
    }
  }

  /** No more faults; everything held back is delivered. */
  async heal(): Promise<void> {
    this.healed = true;
    await this.releaseHeld();
  }

  /**
   * Resolves once a request (of `device`, or of anyone) is held back — at once if one already is,
   * so a hold that happened while the caller was busy is never missed.
   */
  nextHold(device?: string): Promise<void> {
    const mine = (held: { device: string }) => device === undefined || held.device === device;
    if (this.#held.some(mine)) return Promise.resolve();
    return new Promise((wake) => this.#holdWaiters.push({ device, wake }));
  }

  #hold(held: Held): void {
    this.#held.push(held);
    const due = this.#holdWaiters.filter((w) => w.device === undefined || w.device === held.device);
    this.#holdWaiters = this.#holdWaiters.filter((w) => !due.includes(w));
    for (const waiter of due) waiter.wake();
  }

  get heldCount(): number {
    return this.#held.length;
  }

  /** The fetch of one device: `faults` is consumed one per request. */
  fetchFor(device: string, faults: Fault[], clock: ManualClock, timeoutMs: number): FetchLike {
    const queue = [...faults];
    return async (url, init) => {
      const fault: Fault = this.healed ? 'ok' : (queue.shift() ?? 'ok');
      const entry: NetworkLogEntry = {
        device,
        fault,
        method: init.method ?? 'GET',
        path: url,
        status: null,
      };
      this.log.push(entry);
      const answered = (injected: Injected) => {
        entry.status = injected.status;
        return toResponse(injected);
      };
      switch (fault) {
        case 'ok':
          return answered(await this.#deliver(url, init));
        case 'lose-request':
          throw networkError();
        case 'lose-response':
          await this.#deliver(url, init);
          throw networkError();
        case 'error-500':
          entry.status = 500;
          return new Response(
            JSON.stringify({ error_code: 'INTERNAL', detail: 'injected proxy error' }),
            { status: 500, headers: { 'content-type': 'application/json' } },
          );
        case 'duplicate': {
          const first = await this.#deliver(url, init);
          await this.#deliver(url, init);
          return answered(first);
        }
        case 'timeout':
        case 'timeout-late': {
          const signal = init.signal;
          if (!signal) throw new Error('the sync client sends every request with a signal');
          const aborted = new Promise<never>((_, reject) => {
            const fail = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
            if (signal.aborted) fail();
            else signal.addEventListener('abort', fail, { once: true });
          });
          if (fault === 'timeout-late')
            this.#hold({ device, deliver: () => this.#inject(url, init) });
          clock.advance(timeoutMs); // the client's own timer fires: no real waiting
          return aborted;
        }
        case 'reorder':
          return new Promise<Response>((resolve, reject) => {
            this.#hold({
              device,
              deliver: () => this.#inject(url, init),
              answer: {
                resolve: (r) => {
                  entry.status = r.status;
                  resolve(r);
                },
                reject,
              },
            });
          });
      }
    };
  }
}
