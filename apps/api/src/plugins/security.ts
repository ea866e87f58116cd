import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import compress from '@fastify/compress';

/**
 * Every JSON answer carries the headers that matter for an API (OWASP REST cheat sheet):
 * nosniff, no framing, HSTS, no referrer, same-site resources. The rest of helmet's set only
 * means something to an HTML document; on a 2G link each sync answer would carry ~200 B of it
 * (a no-change sync is a 304 of headers alone), so it goes only on the docs page (see openapi.ts).
 */
const API_HEADERS = {
  contentSecurityPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: { policy: 'same-site' },
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: { action: 'deny' },
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const;

/** helmet's full set for an HTML page (its CSP is off: the docs page needs its own scripts and styles). */
export const DOCUMENT_HEADERS = {
  ...API_HEADERS,
  crossOriginOpenerPolicy: true,
  originAgentCluster: true,
  xDnsPrefetchControl: true,
  xDownloadOptions: true,
  xFrameOptions: { action: 'sameorigin' },
  xPermittedCrossDomainPolicies: true,
  xXssProtection: true,
} as const;

/**
 * `no-store` keeps every cache out; `private, no-cache` is the value the sync API document shows,
 * kept for the clients that read it.
 */
export const CLINICAL_CACHE_CONTROL = 'private, no-cache, no-store';

/** Security headers, `Cache-Control` for clinical answers, CORS allow-list, gzip/brotli. */
export default fp(
  async function securityPlugin(app: FastifyInstance, options: { corsOrigins: string[] }) {
    await app.register(helmet, API_HEADERS);
    // Answers carry clinical data, or say whether a row exists: no browser, proxy or CDN may keep
    // a copy. Set here, for every route, so a new one cannot forget it. Sync endpoints still
    // answer If-None-Match with 304: the client keeps its ETag itself (sync-client's pullValidator).
    app.addHook('onSend', async (_request, reply) => {
      reply.header('Cache-Control', CLINICAL_CACHE_CONTROL);
    });
    const corsOptions = {
      origin: options.corsOrigins,
      credentials: false,
      exposedHeaders: [
        'ETag',
        'X-Last-Sync',
        'X-Records-Synced',
        'X-Sync-Strategy',
        'X-Has-More',
        'X-Sync-Remaining',
        'Link',
        'X-Request-Id',
      ],
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'If-None-Match',
        'If-Match',
        'X-Device-Id',
        'Content-Encoding',
      ],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
      // A malformed preflight (no Origin / Access-Control-Request-Method) gets the ordinary CORS
      // answer instead of a text/plain 400: every error of the API is JSON, and the allow-list
      // above still decides which origins a browser lets through.
      strictPreflight: false,
    };
    // A request without Origin is not cross-origin: it gets no CORS headers (a preflight still
    // gets its answer). Vary: Origin stays on every answer so a cache keeps the two apart.
    const sameOrigin = { ...corsOptions, origin: false };
    await app.register(cors, {
      delegator: (request, callback) =>
        callback(
          null,
          request.headers.origin || request.method === 'OPTIONS' ? corsOptions : sameOrigin,
        ),
    });
    await app.register(compress, {
      global: true,
      encodings: ['br', 'gzip', 'deflate'],
      threshold: 1024,
    });
  },
  { name: 'security' },
);
