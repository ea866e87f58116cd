// @ts-check
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import { HELMET_OPTIONS, fileHeaders } from './header-policy.mjs';
import { resolveExportFile } from './resolve-export-file.mjs';

const NOT_FOUND_PAGE = '/404.html';
/** Where @fastify/static's MIME table differs from what this app has always been served with. */
const CONTENT_TYPES = /** @type {Record<string, string>} */ ({ '.ico': 'image/x-icon' });
/** Methods that can never change a static file; they get 405 as before, not the 404 page. */
const WRITE_METHODS = /** @type {const} */ (['DELETE', 'OPTIONS', 'PATCH', 'POST', 'PUT']);

/**
 * The static export (`out/`) with its header policy: helmet's set on every answer, the CSP and
 * cache policy of header-policy.mjs per file, gzip/brotli. Files are resolved as the export lays
 * out its routes (resolve-export-file.mjs) and sent by @fastify/static (ETag, Last-Modified, 304,
 * ranges, content types). Hashed assets are also read precompressed (`*.br`, `*.gz`, written by
 * scripts/precompress.mjs at build); everything else is compressed as it is sent.
 * @param {import('fastify').FastifyInstance} app
 * @param {{ root: string, csp: string }} options
 */
export async function staticRoutes(app, { root, csp }) {
  await app.register(helmet, HELMET_OPTIONS);
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    cacheControl: false,
    dotfiles: 'ignore',
    setHeaders(reply, filePath) {
      // The file sent, without the suffix of a precompressed copy, as a URL path from the root.
      const relative = path.relative(root, filePath).replace(/\.(?:br|gz)$/, '');
      const urlPath = `/${relative.split(path.sep).join('/')}`;
      reply.headers(fileHeaders(urlPath, csp));
      const type = CONTENT_TYPES[path.extname(urlPath)];
      if (type) reply.header('content-type', type);
    },
  });

  app.get('/*', async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      decoded = null;
    }
    if (decoded === null || decoded.includes('\0')) {
      return reply.code(400).type('text/plain; charset=utf-8').send('Bad request\n');
    }
    const file = await resolveExportFile(root, decoded);
    if (file === null) return reply.callNotFound();
    return reply.sendFile(file);
  });

  // A write's body is never read: whatever its type, the answer is 405.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.route({
    method: [...WRITE_METHODS],
    url: '/*',
    handler: async (_request, reply) =>
      reply
        .code(405)
        .header('allow', 'GET, HEAD')
        .type('text/plain; charset=utf-8')
        .send('Method not allowed\n'),
  });

  app.setNotFoundHandler(async (_request, reply) => {
    if ((await resolveExportFile(root, NOT_FOUND_PAGE)) === null) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    }
    return reply.code(404).sendFile(NOT_FOUND_PAGE);
  });
}
