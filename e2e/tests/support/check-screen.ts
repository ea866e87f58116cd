import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';

/**
 * Every screen: 0 axe violations, no sideways scrolling, every navigation entry on screen and 44 px
 * targets at 360 px, a screenshot.
 */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string) {
  // Loading placeholders are aria-busy in every language.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name}: no horizontal scrolling at 360 px`).toBeLessThanOrEqual(0);

  // An entry in a strip that scrolls sideways would pass the page's own check but be out of sight.
  const offScreen = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('nav a')]
      .filter((link) => {
        const box = link.getBoundingClientRect();
        return box.left < 0 || box.right > document.documentElement.clientWidth;
      })
      .map((link) => (link.textContent ?? '').trim()),
  );
  expect(offScreen, `${name}: every navigation entry on screen at 360 px`).toEqual([]);

  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a, button, input, select, textarea')]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 1 && box.height > 0 && box.height < 44)
      .map(
        ({ el, box }) =>
          `${el.tagName} "${(el.textContent ?? el.getAttribute('name') ?? '').trim().slice(0, 30)}" ${Math.round(box.height)}px`,
      ),
  );
  expect(small, `${name}: touch targets of at least 44 px`).toEqual([]);

  await testInfo.attach(`${name}-360px`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

/** checkScreen, and with E2E_SCREENSHOT_DIR set the screenshot written there as `<name>.png`. */
export async function checkAndShoot(page: Page, testInfo: TestInfo, name: string) {
  await checkScreen(page, testInfo, name);
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.png`), await page.screenshot({ fullPage: true }));
}
