import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Account } from './accounts';

/** Signs in through the sign-in form and waits for the first sync to finish. */
export async function signIn(page: Page, account: Account, syncTimeout = 20_000): Promise<void> {
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
