import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import type { Account } from './support/accounts';
import { Api } from './support/api';
import {
  lockScreen,
  openFromNav,
  pendingCount,
  signIn,
  uniqueName,
  waitForServiceWorker,
  waitUntilSynced,
} from './support/app';
import { patientSecrets, rawDeviceDump } from './support/local-data';
import { registerPatient } from './support/screens';

// Issue 16: clinical data on a lost or shared phone. Encrypted at rest, locked when idle, refused
// offline after its lifetime, wiped when the account is deactivated, replaced on a facility move.
test.describe.configure({ timeout: 120_000 });

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function signInForm(page: Page) {
  const form = page.getByRole('region', { name: 'Sign in' });
  return {
    form,
    username: form.getByLabel('Username'),
    password: form.getByLabel('Password', { exact: true }),
    submit: form.getByRole('button', { name: 'Sign in' }),
  };
}

async function fillSignIn(page: Page, account: Account) {
  const { username, password, submit } = signInForm(page);
  await username.fill(account.username);
  await password.fill(account.password);
  await submit.click();
}

/** A fresh health worker (so deactivating or moving them disturbs no other test). */
async function newWorker(admin: Api, facilityId: string): Promise<Account & { id: string }> {
  const username = `p16-${randomUUID().slice(0, 8)}`;
  const password = `${username}-password`;
  const created = await admin.send('POST', '/api/admin/users/', {
    username,
    password,
    display_name: `Worker ${username}`,
    role: 'health_worker',
    facility_id: facilityId,
  });
  expect(created.status).toBe(201);
  const id = (created.body as { id: string }).id;
  return { id, username, password, displayName: `Worker ${username}` };
}

test('a raw dump of every IndexedDB store after sign-in, sync and lock holds no patient name or phone', async ({
  page,
  request,
}) => {
  const secrets = await patientSecrets(await Api.signIn(request, ACCOUNTS.worker));
  expect(secrets.length).toBeGreaterThan(1);
  await page.clock.install();
  await signIn(page, ACCOUNTS.worker);
  await waitForServiceWorker(page);
  await openFromNav(page, 'Patients');
  // The app itself shows them (they are on the phone), decrypted in memory only.
  await expect(page.getByText(secrets[0]!).first()).toBeVisible();

  await page.clock.fastForward(11 * MINUTE);
  await expect(lockScreen(page)).toBeVisible();
  await expect(page.getByText(secrets[0]!)).toHaveCount(0);
  const dump = await rawDeviceDump(page);
  expect(dump).toContain('healthsync-sealed-');
  for (const secret of secrets) expect(dump, secret).not.toContain(secret);
});

test('the idle lock hides clinical screens and opens with the password and with the PIN', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, ACCOUNTS.worker);
  const pinCard = page.getByRole('region', { name: 'Set a PIN' });
  await pinCard.getByLabel('New PIN').fill('12345');
  await pinCard.getByRole('button', { name: 'Save PIN' }).click();
  await expect(pinCard.getByText('A PIN is 6 or more digits, and nothing else.')).toBeVisible();
  await pinCard.getByLabel('New PIN').fill('246810');
  await pinCard.getByRole('button', { name: 'Save PIN' }).click();
  await expect(pinCard).toHaveCount(0);

  await openFromNav(page, 'Patients');
  const heading = page.getByRole('heading', { level: 1, name: 'Patients' });
  await page.clock.fastForward(9 * MINUTE);
  await expect(heading).toBeVisible();
  await page.clock.fastForward(2 * MINUTE);
  const lock = lockScreen(page);
  await expect(lock).toBeVisible();
  await expect(heading).toHaveCount(0);

  // The PIN first; a wrong one says so.
  await lock.getByLabel('PIN').fill('111111');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByRole('alert')).toContainText('Wrong PIN or password');
  await lock.getByLabel('PIN').fill('246810');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(heading).toBeVisible();

  // Then the password.
  await page.clock.fastForward(11 * MINUTE);
  await expect(lock).toBeVisible();
  await lock.getByRole('button', { name: 'Use my password' }).click();
  await lock.getByLabel('Password').fill(ACCOUNTS.worker.password);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(heading).toBeVisible();

  // Five wrong tries: the PIN no longer counts, only the password.
  await page.clock.fastForward(11 * MINUTE);
  for (let i = 0; i < 5; i++) {
    await lock.getByLabel('PIN').fill('000000');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    // The field is cleared once the try is judged: only then is the next one typed (typed sooner,
    // the clearing would wipe it and the next Unlock would send nothing).
    await expect(lock.locator('input[name="secret"]')).toHaveValue('');
  }
  await expect(lock.getByRole('alert')).toContainText('enter your password');
  await expect(lock.getByLabel('Password')).toBeVisible();
  await lock.getByLabel('Password').fill(ACCOUNTS.worker.password);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(heading).toBeVisible();
});

test('offline sign-in is refused once its lifetime has passed since the last online contact', async ({
  page,
  context,
}) => {
  await page.clock.install();
  await signIn(page, ACCOUNTS.worker);
  await waitForServiceWorker(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInForm(page).submit).toBeVisible();

  await context.setOffline(true);
  await page.clock.fastForward(8 * DAY);
  await fillSignIn(page, ACCOUNTS.worker);
  await expect(signInForm(page).form.getByRole('alert')).toContainText(
    'Offline sign-in on this device has expired',
  );
  await context.setOffline(false);
  await fillSignIn(page, ACCOUNTS.worker);
  await expect(page.getByTestId('signed-in-as')).toContainText(ACCOUNTS.worker.displayName);
});

test('deactivation wipes the synced data at the next contact; the unsynced visit goes up after re-enabling', async ({
  page,
  context,
  request,
}) => {
  const admin = await Api.signIn(request, ACCOUNTS.admin);
  const secrets = await patientSecrets(await Api.signIn(request, ACCOUNTS.worker));
  const worker = await newWorker(
    admin,
    ((await admin.get('/api/auth/me/')).body as { facility_id: string }).facility_id,
  );
  await signIn(page, worker);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  const name = uniqueName('Unsynced Visit');
  const id = await registerPatient(page, { name, phone: '+91-9555512345' });
  await expect(pendingCount(page)).toHaveAttribute('data-count', '1');
  expect(
    (await admin.send('PATCH', `/api/admin/users/${worker.id}/`, { active: false })).status,
  ).toBe(200);
  await context.setOffline(false);

  const notice = page.getByTestId('revoked-pending');
  await expect(notice).toContainText('1 change waits on this device', { timeout: 30_000 });
  const dump = await rawDeviceDump(page);
  for (const secret of [...secrets, name, '5551234']) expect(dump, secret).not.toContain(secret);
  expect(dump).not.toContain(worker.username); // the offline verifier (and profile) are gone
  expect(await admin.patient(id)).toBeNull();

  // Offline, nobody gets in any more.
  await context.setOffline(true);
  await fillSignIn(page, worker);
  await expect(signInForm(page).form.getByRole('alert')).toContainText('Cannot reach the server');
  await context.setOffline(false);

  expect(
    (await admin.send('PATCH', `/api/admin/users/${worker.id}/`, { active: true })).status,
  ).toBe(200);
  await fillSignIn(page, worker);
  // Signed in where the form was (the patient's screen), the outbox goes up.
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await waitUntilSynced(page);
  expect(await admin.patient(id)).toMatchObject({ name, phone_number: '+91-9555512345' });
});

test('a facility move leaves nothing of the old facility on the phone', async ({
  page,
  request,
}) => {
  const admin = await Api.signIn(request, ACCOUNTS.admin);
  const worker1 = await Api.signIn(request, ACCOUNTS.worker);
  const worker2 = await Api.signIn(request, ACCOUNTS.worker2);
  const oldNames = (await patientSecrets(worker1)).filter((s) => /\D/.test(s));
  const newNames = (await patientSecrets(worker2)).filter((s) => /\D/.test(s));
  const facilityOf = async (api: Api) =>
    ((await api.get('/api/auth/me/')).body as { facility_id: string }).facility_id;
  const worker = await newWorker(admin, await facilityOf(worker1));
  await signIn(page, worker);
  await openFromNav(page, 'Patients');
  await expect(page.getByText(oldNames[0]!).first()).toBeVisible();

  const moved = { facility_id: await facilityOf(worker2) };
  expect((await admin.send('PATCH', `/api/admin/users/${worker.id}/`, moved)).status).toBe(200);

  const bar = page.getByRole('region', { name: 'Sync status' });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(bar.getByRole('alert')).toContainText('Sign in again to sync', { timeout: 20_000 });
  await bar.getByRole('button', { name: 'Sign in again' }).click();
  await bar.getByLabel('Password').fill(worker.password);
  await bar.getByRole('button', { name: 'Sign in' }).click();
  await waitUntilSynced(page);

  await openFromNav(page, 'Patients');
  await expect(page.getByText(newNames[0]!).first()).toBeVisible();
  for (const old of oldNames) await expect(page.getByText(old, { exact: true })).toHaveCount(0);
  const local = await page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    return names;
  });
  expect(local.filter((n) => n?.startsWith('healthsync-sealed-'))).toHaveLength(1);
});
