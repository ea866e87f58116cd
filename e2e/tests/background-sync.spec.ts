import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import {
  pendingCount,
  signIn,
  uniqueName,
  visit,
  waitForServiceWorker,
  waitUntilSynced,
} from './support/app';
import {
  OUTBOX_SYNC_TAG,
  breakStoredTokens,
  countSyncRequests,
  fireBackgroundSync,
  pendingSyncTags,
  syncRequests,
} from './support/background-sync';
import { recordVitals, registerPatient } from './support/screens';

// Journey 6: Background Sync. The outbox is encrypted under a key that only an unlocked tab holds
// (docs/ARCHITECTURE.md, "Data on the phone"): the worker hands the sync to such a tab, and with
// none open it cannot read the outbox, which waits for the app to be opened and unlocked.
test.describe('background sync', () => {
  test('with no page of the app open the worker cannot read the outbox: it goes up at the next unlock', async ({
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

    // Reopened offline: the outbox is still whole, so the worker sent nothing.
    await context.setOffline(true);
    const reopened = await context.newPage();
    await visit(reopened, '/', ACCOUNTS.worker);
    await expect(reopened.getByTestId('signed-in-as')).toContainText(ACCOUNTS.worker.displayName);
    await expect(pendingCount(reopened)).toHaveAttribute('data-count', '2');
    expect(await api.patient(id)).toBeNull();

    await context.setOffline(false);
    await waitUntilSynced(reopened);
    expect(await api.patient(id)).toMatchObject({ name, gender: 'Female' });
    expect(JSON.stringify((await api.records(id))[0]?.data)).toContain('8867-4');
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

    await context.setOffline(false);
    const bar = page.getByRole('region', { name: 'Sync status' });
    await expect(bar.getByRole('alert')).toContainText('Sign in again to sync', {
      timeout: 20_000,
    });
    await expect(pendingCount(page)).toHaveAttribute('data-count', '1');
    expect(await api.patient(id)).toBeNull();

    await bar.getByRole('button', { name: 'Sign in again' }).click();
    await bar.getByLabel('Password').fill(ACCOUNTS.worker.password);
    await bar.getByRole('button', { name: 'Sign in' }).click();
    await expect(pendingCount(page)).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    expect(await api.patient(id)).toMatchObject({ name });
  });
});
