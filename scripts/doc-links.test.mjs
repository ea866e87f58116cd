// Every reference in the repository resolves inside it: relative Markdown links (and their
// #anchors), `docs/…` paths named anywhere, and no pointer to design documents kept elsewhere.
// Run by `pnpm test` (the root script) and alone with `node --test scripts/`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = resolve(import.meta.dirname, '..');
const TEXT = /\.(md|ts|tsx|mjs|js|cjs|json|sql|sh|ya?ml|prisma|css|conf|template|service)$/;

/** Tracked and new (not ignored) files: what a commit of this tree would hold. */
function repoFiles() {
  const out = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return out
    .split('\0')
    .filter((f) => f && TEXT.test(f) && !f.endsWith('pnpm-lock.yaml'))
    .filter((f) => existsSync(join(ROOT, f)) && statSync(join(ROOT, f)).isFile());
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[`*~[\]()]/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map();
function anchorsOf(file) {
  if (!anchorCache.has(file)) {
    const seen = new Map();
    const anchors = new Set();
    let fenced = false;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (!heading) continue;
      const base = slug(heading[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    anchorCache.set(file, anchors);
  }
  return anchorCache.get(file);
}

/** Where a path a file names may live: beside it, in its package, or from the repository root. */
function candidates(file, target) {
  const places = [dirname(join(ROOT, file)), ROOT];
  let dir = dirname(join(ROOT, file));
  while (dir.startsWith(ROOT) && dir !== ROOT) {
    if (existsSync(join(dir, 'package.json'))) places.push(dir);
    dir = dirname(dir);
  }
  return places.map((place) => join(place, target));
}

const files = repoFiles();
const markdown = files.filter((f) => f.endsWith('.md'));

test('relative Markdown links resolve, anchors included', () => {
  const broken = [];
  for (const file of markdown) {
    const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const href = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const [path, anchor] = href.split('#');
      const target = path ? resolve(dirname(join(ROOT, file)), decodeURI(path)) : join(ROOT, file);
      if (!existsSync(target)) {
        broken.push(`${file}: ${href}`);
      } else if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor)) {
        broken.push(`${file}: ${href} (no such heading)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('every docs/… path named in code, comments and docs exists', () => {
  const broken = [];
  for (const file of files) {
    if (file === relative(ROOT, import.meta.filename)) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(
      /(?<![\w./-])((?:[\w.-]+\/)*docs\/[\w./-]*[\w-])(#[\w-]+)?/g,
    )) {
      const [, path, anchor] = match;
      if (path.includes('node_modules') || path.startsWith('.')) continue;
      const found = candidates(file, path).find((c) => existsSync(c));
      if (!found) broken.push(`${file}: ${path}`);
      else if (anchor && found.endsWith('.md') && !anchorsOf(found).has(anchor.slice(1)))
        broken.push(`${file}: ${path}${anchor} (no such heading)`);
    }
  }
  assert.deepEqual(broken, []);
});

test('nothing points at design documents outside the repository', () => {
  // Applied migrations are never edited: their comments cite the old design by section, which
  // docs/README.md maps to the pages that replaced it.
  const outside =
    /\b(DESIGN\.md|TOOLCHAIN\.md|sync-api-examples|healthsync-api\.md|anchors-(?:sync|style)\.md|field-demands\.md)|\.\.\/shared\/|\/work\/shared/;
  const found = [];
  for (const file of files) {
    if (file === relative(ROOT, import.meta.filename) || file.includes('prisma/migrations/'))
      continue;
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (outside.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
  }
  assert.deepEqual(found, []);
});
