import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import compress from '@fastify/compress';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

/** Security headers, CORS allow-list, gzip/brotli, and the (opt-in, per-route) rate limiter. */
export default fp(
  async function securityPlugin(
    app: FastifyInstance,
    options: { corsOrigins: string[]; rateLimitStore?: FastifyRateLimitStoreCtor },
  ) {
    await app.register(helmet, {
      // The API serves JSON; the docs page at /docs needs its own scripts and styles.
      contentSecurityPolicy: false,
      crossOriginResourcePolicy: { policy: 'same-site' },
    });
    await app.register(cors, {
      origin: options.corsOrigins,
      credentials: false,
      exposedHeaders: [
        'ETag',
        'X-Last-Sync',
        'X-Records-Synced',
        'X-Sync-Strategy',
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
    });
    await app.register(compress, {
      global: true,
      encodings: ['br', 'gzip', 'deflate'],
      threshold: 1024,
    });
    await app.register(rateLimit, {
      global: false,
      ...(options.rateLimitStore ? { store: options.rateLimitStore } : {}),
    });
  },
  { name: 'security' },
);
