// @ts-check
import replyFrom from '@fastify/reply-from';

/** What the PWA reaches on the API (the same list next.config.ts rewrites in development). */
export const PROXIED_ROUTES = ['/api', '/api/*', '/healthz', '/readyz', '/docs', '/docs/*'];

/**
 * Per connection, never forwarded (RFC 9110 §7.6.1), plus what the client must not choose for
 * the API: the forwarding headers are set below from what this server saw, never passed on.
 */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
]);
const HOP_BY_HOP = new Set([...NOT_FORWARDED].filter((name) => !name.startsWith('x-')));

/**
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {Set<string>} dropped
 * @returns {import('node:http').IncomingHttpHeaders}
 */
function without(headers, dropped) {
  const listed = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name, value]) => value !== undefined && !dropped.has(name) && !listed.includes(name),
    ),
  );
}

/**
 * Reverse proxy to the API (@fastify/reply-from over undici), so the PWA and the API share one
 * origin. The API sees one hop: `X-Forwarded-For` is set to the address this server trusts as the
 * client (the socket's peer, or what a trusted proxy in front said — see TRUST_PROXY), never
 * appended to what the client sent, and `X-Forwarded-Proto`/`-Host` likewise. Bodies stream both
 * ways unparsed (the API enforces its own limits), and a response streams as it arrives: the
 * server-sent-events stream `/api/sync/events` stays open for as long as the client and the API
 * keep it (no body timeout; the API sends a heartbeat). The API's own headers pass unchanged.
 * @param {import('fastify').FastifyInstance} app
 * @param {{ apiUrl: URL }} options
 */
export async function apiProxy(app, { apiUrl }) {
  const basePath = apiUrl.pathname.replace(/\/+$/, '');
  await app.register(replyFrom, {
    base: apiUrl.origin,
    // The request line carries search strings (patient names): keep it out of the logs.
    disableRequestLogging: true,
    undici: { bodyTimeout: 0 },
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  /** @type {import('@fastify/reply-from').FastifyReplyFromHooks} */
  const hooks = {
    rewriteRequestHeaders: (request, headers) => ({
      ...without(headers, NOT_FORWARDED),
      'x-forwarded-for': request.ip,
      'x-forwarded-proto': request.protocol,
      'x-forwarded-host': request.host,
    }),
    rewriteHeaders: (headers) => without(headers, HOP_BY_HOP),
    onError: (reply, { error }) => {
      reply.log.error(
        `proxy ${reply.request.method} ${reply.request.routeOptions.url}: ${error.message}`,
      );
      if (reply.sent) return;
      reply
        .code(502)
        .type('application/json; charset=utf-8')
        .send({ detail: 'The API is unavailable.' });
    },
  };

  for (const url of PROXIED_ROUTES) {
    app.all(url, (request, reply) => {
      try {
        return reply.from(basePath + request.url, hooks);
      } catch {
        // reply-from refuses a URL it cannot decode or that climbs out with `..`; say so in the
        // API's own error shape rather than as a 500.
        const detail = 'The URL is not valid.';
        return reply.code(400).send({ error_code: 'BAD_REQUEST', detail, errors: { url: detail } });
      }
    });
  }
}
