import { expect } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import type { Account } from './accounts';

/** Who signed in on each page: a reload asks for their password again (keys live in memory). */
const signedIn = new WeakMap<Page, Account>();

/** Signs in through the sign-in form and waits for the first sync to finish. */
export async function signIn(page: Page, account: Account, syncTimeout = 20_000): Promise<void> {
  signedIn.set(page, account);
  await page.goto('/');
  const form = page.getByRole('region', { name: 'Sign in' });
  await form.getByLabel('Username').fill(account.username);
  await form.getByLabel('Password').fill(account.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(account.displayName);
  await waitUntilSynced(page, syncTimeout);
}

/** The status bar shows a finished sync with nothing waiting. */
export async function waitUntilSynced(page: Page, timeout = 20_000): Promise<void> {
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0', { timeout });
  await expect(page.getByTestId('last-sync')).toContainText('Synced', { timeout });
}

/** The service worker controls the page (precache complete): now the app survives going offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  });
}

export async function expectSavedOnDevice(page: Page): Promise<void> {
  await expect(page.getByTestId('saved-notice')).toContainText('Saved on this device');
}

export function pendingCount(page: Page) {
  return page.getByTestId('pending-count');
}

/** Opens a screen through the main navigation (client-side, as a person would). */
export async function openFromNav(page: Page, name: 'Patients' | 'Appointments' | 'Conflicts') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
}

export function lockScreen(page: Page) {
  return page.getByTestId('unlock-screen');
}

/**
 * After a page load: the data key is only in memory, so the app asks for the password of whoever
 * signed in on this page (in any language); give it and wait for the local store to open.
 */
export async function unlockIfLocked(page: Page, account = signedIn.get(page)): Promise<void> {
  if (!account) return;
  signedIn.set(page, account);
  const open = page.locator('[data-testid="pending-count"][data-client="open"]');
  const signInForm = page.locator('form input[name="username"]');
  const lock = lockScreen(page);
  await expect(lock.or(open).or(signInForm).first()).toBeVisible({ timeout: 15_000 });
  if (!(await lock.isVisible())) return;
  await lock.locator('input[name="secret"]').fill(account.password);
  await lock.locator('button[type="submit"]').click();
  await expect(open).toBeVisible({ timeout: 15_000 });
}

/** A full page load of `path` (not a client-side navigation), unlocked again. */
export async function visit(page: Page, path: string, account?: Account): Promise<void> {
  await page.goto(path);
  await unlockIfLocked(page, account);
}

export async function reloadUnlocked(page: Page): Promise<void> {
  await page.reload();
  await unlockIfLocked(page);
}

/**
 * The connection drops and the page is loaded again with no network: the service worker serves
 * the app, unlocked with the password.
 */
export async function reloadOffline(page: Page, context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await reloadUnlocked(page);
  await expect(page.getByTestId('connection')).toHaveText('Offline');
}
