// @ts-check
import Fastify, { LogController } from 'fastify';
import { apiProxy } from './api-proxy.mjs';
import { STRICT_TRANSPORT_SECURITY, contentSecurityPolicy } from './header-policy.mjs';
import { collectInlineHashes } from './inline-hashes.mjs';
import { staticRoutes } from './static-routes.mjs';

/**
 * @typedef {object} PwaServerOptions
 * @property {string} root  absolute path of the static export (`apps/web/out`)
 * @property {URL} apiUrl   the API the proxy forwards to
 * @property {false | string[]} trustProxy  addresses/CIDRs of the proxies in front of this server
 * @property {{ key: Buffer, cert: Buffer } | null} [https]  serve TLS directly
 * @property {string} [logLevel]
 */

/**
 * The PWA's server: the static export with its security headers, and the API behind the same
 * origin. Two encapsulated parts, so the static part's headers, compression and 404 page never
 * touch what the API answers.
 * @param {PwaServerOptions} options
 */
export async function buildPwaServer({
  root,
  apiUrl,
  trustProxy,
  https = null,
  logLevel = 'info',
}) {
  const csp = contentSecurityPolicy(await collectInlineHashes(root));
  const app = Fastify({
    ...(https ? { https } : {}),
    trustProxy,
    logger: {
      level: logLevel,
      // A URL's query can hold a patient's name (search): logs keep the path only.
      serializers: {
        req: (request) => ({ method: request.method, path: String(request.url).split('?')[0] }),
      },
    },
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 10_000 },
  });

  // HSTS only where it means something: the request came over TLS, to this server or to a
  // trusted proxy in front of it (X-Forwarded-Proto counts only from a TRUST_PROXY address).
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https' && !reply.hasHeader('strict-transport-security')) {
      reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    }
  });

  await app.register(apiProxy, { apiUrl });
  await app.register(staticRoutes, { root, csp });
  return app;
}
