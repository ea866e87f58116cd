import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { API_URL } from './support/api';
import { signIn, uniqueName, visit, waitUntilSynced } from './support/app';

// Issue 19, item 4: the change stream opens once the app is idle after load, so a change made on
// another device reaches an open, online phone without any tap.
test('a patient registered on another device appears on an open phone without a tap', async ({
  page,
  request,
}) => {
  await signIn(page, ACCOUNTS.worker);
  // A fresh load, then the change well inside the 10 s the stream used to wait after one.
  await visit(page, '/patients', ACCOUNTS.worker);
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
  await waitUntilSynced(page);
  const name = uniqueName('Live Patient');
  await page.getByLabel('Search patients').fill(name);
  await expect(page.getByRole('link', { name })).toHaveCount(0);

  // Another device (the doctor, same facility) registers the patient straight on the server.
  const signedIn = await request.post(`${API_URL}/api/auth/token/`, {
    data: { username: ACCOUNTS.doctor.username, password: ACCOUNTS.doctor.password },
  });
  const { access } = (await signedIn.json()) as { access: string };
  const created = await request.post(`${API_URL}/api/patients/`, {
    headers: { Authorization: `Bearer ${access}` },
    data: { name, dob: '1987-03-05', gender: 'Male' },
  });
  expect(created.status()).toBe(201);

  // Playwright's default wait (5 s) only: no "Sync now", no reload.
  await expect(page.getByRole('link', { name })).toBeVisible();
});
