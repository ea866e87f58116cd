import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import {
  pendingCount,
  reloadUnlocked,
  signIn,
  uniqueName,
  visit,
  waitForServiceWorker,
  waitUntilSynced,
} from './support/app';
import { registerPatient } from './support/screens';

function signInForm(page: Page) {
  const form = page.getByRole('region', { name: 'Sign in' });
  return {
    form,
    username: form.getByLabel('Username'),
    password: form.getByLabel('Password'),
    submit: form.getByRole('button', { name: 'Sign in' }),
  };
}

test.describe('home and session', () => {
  test.describe.configure({ timeout: 60_000 });

  test('renders the app shell and the sign-in form', async ({ page }) => {
    await visit(page, '/');

    await expect(page).toHaveTitle('HealthSync');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('banner')).toContainText('HealthSync');
    await expect(page.getByRole('heading', { level: 1, name: 'HealthSync' })).toBeVisible();
    const { username, password, submit } = signInForm(page);
    await expect(username).toHaveAttribute('autocomplete', 'username');
    await expect(password).toHaveAttribute('type', 'password');
    await expect(submit).toBeEnabled();
  });

  test('is installable: a manifest with icons, and a service worker', async ({ page, request }) => {
    await visit(page, '/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = (await (await request.get(href ?? '')).json()) as {
      display: string;
      start_url: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const response = await request.get(icon.src);
      expect(response.headers()['content-type']).toBe('image/png');
    }
    await waitForServiceWorker(page);
    expect((await request.get('/favicon.ico')).headers()['content-type']).toBe('image/x-icon');
  });

  test('explains a wrong password', async ({ page }) => {
    await visit(page, '/');
    const { form, username, password, submit } = signInForm(page);
    await username.fill('doctor');
    await password.fill('wrong');
    await submit.click();
    // Scoped to the form: Next's route announcer is an (empty) alert too.
    await expect(form.getByRole('alert')).toHaveText('Wrong username or password.');
  });

  test('keeps the session across reloads, and signs in again offline after one online sign-in', async ({
    page,
    context,
  }) => {
    await signIn(page, ACCOUNTS.worker);
    await waitForServiceWorker(page);
    await reloadUnlocked(page);
    await expect(page.getByTestId('signed-in-as')).toContainText(ACCOUNTS.worker.displayName);

    // Nothing to lose: signing out is immediate.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signInForm(page).submit).toBeVisible();

    await context.setOffline(true);
    await reloadUnlocked(page);
    const { username, password, submit, form } = signInForm(page);
    await username.fill(ACCOUNTS.worker.username);
    await password.fill('not-the-password');
    await submit.click();
    await expect(form.getByRole('alert')).toContainText('Cannot reach the server');
    await password.fill(ACCOUNTS.worker.password);
    await submit.click();
    await expect(page.getByTestId('signed-in-as')).toContainText(ACCOUNTS.worker.displayName);

    // Work offline; back online the app asks for the password once, then syncs that work.
    const id = await registerPatient(page, { name: uniqueName('Offline Sign-in') });
    expect(id).toBeTruthy();
    await context.setOffline(false);
    const bar = page.getByRole('region', { name: 'Sync status' });
    await expect(bar.getByRole('alert')).toContainText('Sign in again to sync', {
      timeout: 15_000,
    });
    await bar.getByRole('button', { name: 'Sign in again' }).click();
    await bar.getByLabel('Password').fill(ACCOUNTS.worker.password);
    await bar.getByRole('button', { name: 'Sign in' }).click();
    await waitUntilSynced(page);
  });

  test('warns before signing out with unsynced changes', async ({ page, context }) => {
    await signIn(page, ACCOUNTS.worker);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await registerPatient(page, { name: uniqueName('Unsynced') });
    await expect(pendingCount(page)).toHaveAttribute('data-count', '1');
    await page.getByRole('link', { name: 'HealthSync' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Not everything has synced' });
    await expect(dialog).toContainText('1 change is only on this device');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    await context.setOffline(false);
    await waitUntilSynced(page);
  });
});
