import { PGlite } from '@electric-sql/pglite';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** Adapter factory for the schema engine on PGlite. The caller owns and closes `pglite`. */
export function pgliteMigrationAdapterFactory(
  pglite: PGlite,
): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPGlite(pglite);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      return withAwaitedScripts(await base.connect(), pglite);
    },
    async connectToShadowDb() {
      const shadow = await PGlite.create('memory://');
      const adapter = withAwaitedScripts(await new PrismaPGlite(shadow).connect(), shadow);
      return Object.assign(adapter, { dispose: () => shadow.close() });
    },
  };
}

// pglite-prisma-adapter 0.7.2 starts `exec` without awaiting it, so a failing migration would be
// recorded as applied. This awaits it and reports errors the way the adapter's queries do.
function withAwaitedScripts(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    async executeScript(script: string) {
      try {
        await pglite.exec(script);
      } catch (error) {
        onError(error);
      }
    },
  });
}
