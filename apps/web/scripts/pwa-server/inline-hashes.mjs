// @ts-check
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';

/** A CSP hash source for a piece of inline code, as the browser computes it. */
function sha256Source(/** @type {string} */ text) {
  // The HTML parser turns CR LF and lone CR into LF before the browser hashes the text.
  const normalized = text.replace(/\r\n?/g, '\n');
  return `'sha256-${createHash('sha256').update(normalized, 'utf8').digest('base64')}'`;
}

/** Every `.html` file under `dir`, recursively. */
async function htmlFiles(/** @type {string} */ dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * The hashes of every inline script, `<style>` element and `style` attribute in every HTML file
 * of the static export, for the Content-Security-Policy (see header-policy.mjs). Computed from the
 * files themselves at start, so a rebuilt or patched export always gets a matching policy.
 * @param {string} outDir
 * @returns {Promise<import('./header-policy.mjs').InlineHashes>}
 */
export async function collectInlineHashes(outDir) {
  const scripts = new Set();
  const styles = new Set();
  const styleAttributes = new Set();
  for (const file of await htmlFiles(outDir)) {
    const document = parseDocument(await readFile(file, 'utf8'));
    for (const element of DomUtils.findAll(() => true, document.children)) {
      if (element.name === 'script' && element.attribs.src === undefined) {
        scripts.add(sha256Source(DomUtils.textContent(element)));
      } else if (element.name === 'style') {
        styles.add(sha256Source(DomUtils.textContent(element)));
      }
      if (element.attribs.style !== undefined) {
        styleAttributes.add(sha256Source(element.attribs.style));
      }
    }
  }
  return {
    scripts: [...scripts].sort(),
    styles: [...styles].sort(),
    styleAttributes: [...styleAttributes].sort(),
  };
}
