import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import {
  pendingCount,
  signIn,
  uniqueName,
  waitForServiceWorker,
  waitUntilSynced,
} from './support/app';
import {
  OUTBOX_SYNC_TAG,
  breakStoredTokens,
  countSyncRequests,
  fireBackgroundSync,
  pendingSyncTags,
  storedTokens,
  syncRequests,
} from './support/background-sync';
import { recordVitals, registerPatient } from './support/screens';

// Journey 6: Background Sync. Edits made offline reach the server when the connection returns,
// with the app closed: the service worker pushes the outbox itself.
test.describe('background sync', () => {
  test('offline edits reach the API from the service worker with no page of the app open', async ({
    context,
    request,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const api = await Api.signIn(request, ACCOUNTS.worker);
    const page = await context.newPage();
    await signIn(page, ACCOUNTS.worker);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const name = uniqueName('Background');
    const id = await registerPatient(page, { name, gender: 'Female' });
    await recordVitals(page, id, { pulse: 81 });
    await expect(pendingCount(page)).toHaveAttribute('data-count', '2');
    await expect.poll(() => pendingSyncTags(page)).toContain(OUTBOX_SYNC_TAG);

    await page.close();
    await context.setOffline(false);
    const blank = await fireBackgroundSync(context, String(baseURL));
    expect(context.pages()).toEqual([blank]);

    await expect
      .poll(async () => (await api.patient(id))?.name ?? null, { timeout: 20_000 })
      .toBe(name);
    expect(await api.patient(id)).toMatchObject({ gender: 'Female' });
    await expect.poll(async () => (await api.records(id)).length, { timeout: 10_000 }).toBe(1);
    expect(JSON.stringify((await api.records(id))[0]?.data)).toContain('8867-4');
    expect(context.pages()).toEqual([blank]);

    // Reopened offline, so only the worker can have emptied the outbox.
    await context.setOffline(true);
    const reopened = await context.newPage();
    await reopened.goto('/');
    await expect(reopened.getByTestId('signed-in-as')).toContainText(ACCOUNTS.worker.displayName);
    await expect(pendingCount(reopened)).toHaveAttribute('data-count', '0');
    await context.setOffline(false);
  });

  test('with the app open, the worker has the page sync, so its status follows', async ({
    context,
    request,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    const api = await Api.signIn(request, ACCOUNTS.worker);
    const page = await context.newPage();
    await countSyncRequests(page);
    await signIn(page, ACCOUNTS.worker);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const name = uniqueName('Foreground');
    const id = await registerPatient(page, { name });
    await expect(pendingCount(page)).toHaveAttribute('data-count', '1');
    await context.setOffline(false);
    await fireBackgroundSync(context, String(baseURL));

    await expect.poll(() => syncRequests(page)).toBeGreaterThan(0);
    await waitUntilSynced(page);
    expect(await api.patient(id)).toMatchObject({ name });
  });

  test('a session the API refuses leaves the outbox for the next sign-in', async ({
    context,
    request,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const api = await Api.signIn(request, ACCOUNTS.worker);
    const page = await context.newPage();
    await signIn(page, ACCOUNTS.worker);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const name = uniqueName('Refused');
    const id = await registerPatient(page, { name });
    await expect(pendingCount(page)).toHaveAttribute('data-count', '1');
    await breakStoredTokens(page);

    await page.close();
    await context.setOffline(false);
    await fireBackgroundSync(context, String(baseURL));
    // The event runs on after DevTools dispatched it: wait until the worker met the refusal.
    await expect.poll(() => storedTokens(context, String(baseURL)), { timeout: 20_000 }).toBeNull();

    // Reopened offline: only the worker can have met the refusal (and forgotten the tokens).
    await context.setOffline(true);
    const reopened = await context.newPage();
    await reopened.goto('/');
    const bar = reopened.getByRole('region', { name: 'Sync status' });
    await expect(bar.getByRole('alert')).toContainText('Sign in again to sync', {
      timeout: 20_000,
    });
    await expect(pendingCount(reopened)).toHaveAttribute('data-count', '1');
    expect(await api.patient(id)).toBeNull();

    await context.setOffline(false);
    await bar.getByRole('button', { name: 'Sign in again' }).click();
    await bar.getByLabel('Password').fill(ACCOUNTS.worker.password);
    await bar.getByRole('button', { name: 'Sign in' }).click();
    await expect(pendingCount(reopened)).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    expect(await api.patient(id)).toMatchObject({ name });
  });
});
