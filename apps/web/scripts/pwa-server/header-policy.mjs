// @ts-check
// The one definition of the headers the exported PWA is served with: this server applies it, and
// `scripts/print-headers.mjs` renders it as nginx configuration, so a proxy or CDN in front serves
// exactly the same policy (and a test holds the server to it).

/** Hashed build output: a new build gets new names, so a copy may be kept for a year. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/**
 * Everything else is the shell (HTML, `sw.js`, the manifest, the `*.txt` RSC payloads, icons):
 * stored but revalidated on every use (an ETag makes that a few bytes), so a new deployment
 * reaches the service worker's update check at once.
 */
export const SHELL_CACHE = 'no-cache';
/** Only ever sent on a request that arrived over TLS (see `arrivedOverTls` in the server). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** URL path prefix of Next's content-hashed assets. */
export const IMMUTABLE_PREFIX = '/_next/static/';

/**
 * helmet's headers for every static response (its CSP and HSTS are off here: both depend on the
 * file or the request, see below). X-Frame-Options repeats `frame-ancestors 'none'` for old
 * browsers; the app loads nothing from another origin and sends no referrer (ids in URLs).
 * @type {import('@fastify/helmet').FastifyHelmetOptions}
 */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: false,
  strictTransportSecurity: false,
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
};

/**
 * @typedef {object} InlineHashes  CSP source expressions (`'sha256-…'`) of the export's inline code
 * @property {string[]} scripts          every inline `<script>` of every exported HTML file
 * @property {string[]} styles           every `<style>` element
 * @property {string[]} styleAttributes  every `style="…"` attribute (Next's built-in 404 page)
 */

/**
 * The Content-Security-Policy of the exported app. Scripts: the app's own files plus the exact
 * inline scripts the export contains (Next's bootstrap and RSC payload pushes) — no
 * `unsafe-inline`, no `unsafe-eval`. Styles: the CSS files plus hashed inline styles. The API and
 * its event stream are same-origin through this server, hence `connect-src 'self'`.
 * @param {InlineHashes} inline
 * @returns {string}
 */
export function contentSecurityPolicy(inline) {
  /** @type {[string, string[]][]} */
  const directives = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...inline.scripts]],
    ['script-src-attr', ["'none'"]],
    ['style-src', ["'self'", ...inline.styles]],
    [
      'style-src-attr',
      inline.styleAttributes.length ? ["'unsafe-hashes'", ...inline.styleAttributes] : ["'none'"],
    ],
    ['img-src', ["'self'"]],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** @param {string} urlPath path of a served file, from the root of the export, with a leading `/` */
export function isImmutableAsset(urlPath) {
  return urlPath.startsWith(IMMUTABLE_PREFIX);
}

/**
 * The CSP matters to documents and to the service worker (a worker runs under the policy of its
 * own script's response); on every other file it would only add ~1.5 KB to each response.
 * @param {string} urlPath
 */
export function needsContentSecurityPolicy(urlPath) {
  return urlPath.endsWith('.html') || urlPath === '/sw.js';
}

/**
 * Headers that depend on the file served (helmet's set comes on top).
 * @param {string} urlPath  the file's path from the root of the export, with a leading `/`
 * @param {string} csp      the policy from contentSecurityPolicy()
 * @returns {Record<string, string>}
 */
export function fileHeaders(urlPath, csp) {
  return {
    'cache-control': isImmutableAsset(urlPath) ? IMMUTABLE_CACHE : SHELL_CACHE,
    ...(needsContentSecurityPolicy(urlPath) ? { 'content-security-policy': csp } : {}),
  };
}
