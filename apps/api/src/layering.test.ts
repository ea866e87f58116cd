import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The API's layers (docs/ARCHITECTURE.md, apps/api): plugins and modules meet only through core/
 * (and the shared lib/), and app.ts joins them. Test files compose parts the way app.ts does, so
 * only the code itself is held to this.
 */
const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Each layer and the layers its code must not import from. */
const FORBIDDEN: Record<string, readonly string[]> = {
  plugins: ['modules'],
  modules: ['plugins'],
  core: ['plugins', 'modules', 'lib'],
  lib: ['plugins', 'modules'],
};

const isCode = (file: string) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && isCode(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The top folder under src/ a relative import lands in (imports of packages have none). */
function layerOf(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = path.relative(SRC, path.resolve(path.dirname(from), specifier));
  return target.startsWith('..') ? null : (target.split(path.sep)[0] ?? null);
}

/** Every `import`, `export … from` and `import()` of a file, type-only ones included. */
function importsOf(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((imported) => imported.fileName);
}

/** `file → specifier` for every import that crosses into a forbidden layer. */
function crossings(layer: string): string[] {
  return filesUnder(path.join(SRC, layer)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => FORBIDDEN[layer]!.includes(layerOf(file, specifier) ?? ''))
      .map((specifier) => `${path.relative(SRC, file)} → ${specifier}`),
  );
}

describe('layering of the API', () => {
  for (const layer of Object.keys(FORBIDDEN)) {
    it(`${layer}/ imports nothing from ${FORBIDDEN[layer]!.join(', ')}`, () => {
      expect(crossings(layer)).toEqual([]);
    });
  }

  it('sees an import into another layer (the check itself works)', () => {
    const file = path.join(SRC, 'plugins', 'x.ts');
    expect(layerOf(file, '../modules/sync/purge-tombstones')).toBe('modules');
    expect(layerOf(file, './session-versions')).toBe('plugins');
    expect(layerOf(file, '@healthsync/contracts')).toBeNull();
    expect(
      ts
        .preProcessFile(
          "import type { A } from '../modules/a';\nexport { b } from '../modules/b';\nconst c = import('../modules/c');",
          true,
          true,
        )
        .importedFiles.map((imported) => imported.fileName),
    ).toEqual(['../modules/a', '../modules/b', '../modules/c']);
    // Today's code has imports to check in every layer.
    for (const layer of Object.keys(FORBIDDEN))
      expect(filesUnder(path.join(SRC, layer)).flatMap(importsOf).length).toBeGreaterThan(0);
  });
});
