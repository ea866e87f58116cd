import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { lockScreen, signIn, unlockIfLocked, waitForServiceWorker } from './support/app';

/**
 * Strings only the sync engine's code holds (packages/sync-client: local writes and the stores):
 * a script that contains one carries the engine.
 */
const SYNC_ENGINE = ['A deleted row cannot be edited', 'Read transactions cannot write'];

/**
 * Names only zod's schema code holds (its object and string parsers), not the small core that sets
 * its configuration: a script with one carries zod (about 100 kB), which the locked shell must not.
 */
const ZOD = ['$ZodObject', '$ZodString'];

/** The text of every script the page has loaded so far (from the service worker's cache). */
async function loadedScripts(page: Page): Promise<string> {
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => new URL(url).pathname.endsWith('.js')),
  );
  expect(urls.length).toBeGreaterThan(0);
  const bodies = await Promise.all(
    [...new Set(urls)].map(async (url) => (await page.request.get(url)).text()),
  );
  return bodies.join('\n');
}

test('a returning user’s page load shows the unlock screen without loading the sync engine or zod; the unlock brings them', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, ACCOUNTS.doctor);
  await waitForServiceWorker(page);

  for (const path of ['/', '/patients']) {
    await page.goto(path);
    await expect(lockScreen(page)).toBeVisible();
    await page.waitForLoadState('networkidle');
    const beforeUnlock = await loadedScripts(page);
    expect(
      [...SYNC_ENGINE, ...ZOD].filter((marker) => beforeUnlock.includes(marker)),
      path,
    ).toEqual([]);

    await unlockIfLocked(page, ACCOUNTS.doctor);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const afterUnlock = await loadedScripts(page);
    expect(
      [...SYNC_ENGINE, ...ZOD].filter((marker) => afterUnlock.includes(marker)),
      path,
    ).toEqual([...SYNC_ENGINE, ...ZOD]);
  }
});
