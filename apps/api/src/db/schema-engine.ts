import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ErrorCapturingSqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine };

// @types/node 20 declares no WebAssembly and this project has no DOM lib: the little used here.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loading: Promise<typeof bindings.SchemaEngine> | undefined;

// The package's entry point imports the .wasm file as an ES module, which Node 20 cannot do, so
// the module is instantiated here from the file next to its JS glue.
function loadSchemaEngineClass(): Promise<typeof bindings.SchemaEngine> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const wasmBytes = await readFile(path.join(packageDir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return loading;
}

export interface SchemaEngineOptions {
  /** Prisma schema files, needed only by commands that read the schema. */
  schemaFiles?: { path: string; content: string }[];
  log?: (message: string) => void;
}

/** Runs `work` with a schema engine on `adapterFactory`, freeing the engine afterwards. */
export async function withSchemaEngine<T>(
  adapterFactory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  options: SchemaEngineOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngineClass();
  const datamodels = options.schemaFiles?.map((file): [string, string] => [
    file.path,
    file.content,
  ]);
  const log = options.log ?? (() => {});
  const engine = await SchemaEngineClass.new({ datamodels }, log, adapterFactory);
  try {
    return await work(engine);
  } finally {
    engine.free();
  }
}
