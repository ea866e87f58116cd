// @ts-check
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** @param {string} candidate */
async function kindOf(candidate) {
  try {
    const info = await stat(candidate);
    return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

/**
 * Maps a decoded URL path to a file of Next's static export, the way the export lays out routes
 * (nginx: `try_files $uri $uri/index.html $uri.html =404`): the file itself, a directory's
 * `index.html`, or `<path>.html` — so `/patients`, `/patients/` and `/patients/view` (with any
 * `?id=…`) find `patients.html` and `patients/view.html`. Returns the file's URL path from the
 * root (leading `/`), or null when there is none or the path leaves the root.
 * @param {string} root      absolute directory of the export
 * @param {string} pathname  decoded URL path, without the query
 * @returns {Promise<string | null>}
 */
export async function resolveExportFile(root, pathname) {
  const relative = path.posix.normalize(pathname.replaceAll('\\', '/')).replace(/^\/+/, '');
  const base = path.join(root, relative);
  if (base !== root && !base.startsWith(root + path.sep)) return null;

  const candidates = [base];
  if ((await kindOf(base)) === 'dir') candidates.unshift(path.join(base, 'index.html'));
  if (base !== root) candidates.push(`${base.replace(/[/\\]+$/, '')}.html`);
  for (const candidate of candidates) {
    if ((await kindOf(candidate)) === 'file') {
      return `/${path.relative(root, candidate).split(path.sep).join('/')}`;
    }
  }
  return null;
}
