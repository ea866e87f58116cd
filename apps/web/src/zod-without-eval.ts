/**
 * zod compiles object parsers with `new Function` unless told not to; the PWA's
 * Content-Security-Policy forbids eval, so zod's probe would be refused and reported as a policy
 * violation on every load. Parse without it. Imported first, before any schema is built: by
 * `instrumentation-client.ts` (Next runs it before the app) and by `sw.ts`.
 *
 * zod keeps its configuration in `globalThis.__zod_globalConfig`, which its core adopts when it
 * first loads (zod/v4/core/core.js). Setting the flag there, instead of calling `config()`, keeps
 * all of zod out of the page's first load. zod-without-eval.test.ts checks that zod still reads
 * it, and e2e `csp.spec.ts` that no screen asks for eval.
 */
declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

(globalThis.__zod_globalConfig ??= {}).jitless = true;

export {};
