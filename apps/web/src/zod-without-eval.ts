import { config } from 'zod/v4/core';

/**
 * zod compiles object parsers with `new Function` unless told not to; the PWA's
 * Content-Security-Policy forbids eval, so zod's probe would be refused and reported as a policy
 * violation on every load. Parse without it. Imported first, before any schema is built: by
 * `instrumentation-client.ts` (Next runs it before the app) and by `sw.ts`. The setting lives in
 * zod's core, which `zod` and `zod/mini` share; importing only that keeps the rest of zod out of
 * the first load.
 */
config({ jitless: true });
