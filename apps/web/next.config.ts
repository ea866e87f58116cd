import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';

/**
 * Paths the PWA reaches on the API; the same list scripts/pwa-server/api-proxy.mjs proxies. The
 * API's routes end in '/' (`/api/auth/token/`), and `:path*` drops a trailing slash, so those get
 * their own rule.
 */
const API_PATHS = [
  '/api/:path*/',
  '/api/:path*',
  '/healthz',
  '/readyz',
  '/docs/:path*/',
  '/docs/:path*',
];

export default function nextConfig(phase: string): NextConfig {
  const common: NextConfig = {
    reactStrictMode: true,
    poweredByHeader: false,
    // Workspace packages ship TypeScript source.
    transpilePackages: ['@healthsync/contracts', '@healthsync/sync-client'],
    images: { unoptimized: true },
  };

  if (phase === PHASE_DEVELOPMENT_SERVER) {
    // `next dev`: no static export (it does not support rewrites); proxy the API so the
    // browser stays same-origin, as scripts/serve.mjs does for the built app.
    const apiUrl = (process.env.API_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
    return {
      ...common,
      // Keep Next from redirecting `/api/auth/token/` to `/api/auth/token` before the rewrite.
      skipTrailingSlashRedirect: true,
      async rewrites() {
        return API_PATHS.map((source) => ({ source, destination: `${apiUrl}${source}` }));
      },
    };
  }

  return { ...common, output: 'export' };
}
