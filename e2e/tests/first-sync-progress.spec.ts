import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { API_URL } from './support/api';
import { waitUntilSynced } from './support/app';

const READINGS = 1_600; // a few pages of the app's first-sync page size (500)

// Issue 19, item 3: on a slow link, a long first sync shows what it downloads, n of about m, and
// a progress bar. Facility B (worker2) gets the extra rows: the other journeys never see them, and
// they are health records, so facility B's patient count (large-list.spec.ts) stays as it was.
test('a first sync over a slow link shows what is downloading, n of about m, and a progress bar', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const token = (await (
    await request.post(`${API_URL}/api/auth/token/`, {
      data: { username: ACCOUNTS.worker2.username, password: ACCOUNTS.worker2.password },
    })
  ).json()) as { access: string };
  const authorization = { Authorization: `Bearer ${token.access}` };
  const listed = (await (
    await request.get(`${API_URL}/api/patients/`, { headers: authorization })
  ).json()) as { id: string }[] | { results: { id: string }[] };
  const patientId = (Array.isArray(listed) ? listed : listed.results)[0]!.id;
  const changes = Array.from({ length: READINGS }, (_, i) => ({
    operation: 'create',
    resource_type: 'Observation',
    client_temp_id: `progress-${i}`,
    payload: {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      subject: { reference: `Patient/${patientId}` },
      valueQuantity: {
        value: 60 + (i % 40),
        unit: '/min',
        system: 'http://unitsofmeasure.org',
        code: '/min',
      },
      patient_id: patientId,
    },
  }));
  const seeded = await request.post(`${API_URL}/api/sync/upload/`, {
    headers: authorization,
    data: { device_id: 'e2e-progress-seed', changes },
    timeout: 120_000,
  });
  expect(seeded.status()).toBe(200);

  await page.goto('/');
  // About a 2G link from here on: slow enough that each page of the first sync takes a while.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 300,
    downloadThroughput: 20 * 1024,
    uploadThroughput: 10 * 1024,
  });
  const form = page.getByRole('region', { name: 'Sign in' });
  await form.getByLabel('Username').fill(ACCOUNTS.worker2.username);
  await form.getByLabel('Password').fill(ACCOUNTS.worker2.password);
  await form.getByRole('button', { name: 'Sign in' }).click();

  const progress = page.getByTestId('download-progress');
  await expect(progress).toContainText(/Downloading — Health record: [\d,]+ of about [\d,]+/, {
    timeout: 60_000,
  });
  await expect(progress.getByRole('progressbar', { name: 'Download progress' })).toBeVisible();
  await waitUntilSynced(page, 120_000);
});
