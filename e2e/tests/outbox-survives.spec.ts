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
import { recordVitals, registerPatient } from './support/screens';

// Journey 4: the outbox is durable. Five edits offline, the page closed, reopened online.
test('five offline edits survive closing the page and reach the API when it reopens online', async ({
  context,
  request,
}) => {
  test.setTimeout(90_000);
  const api = await Api.signIn(request, ACCOUNTS.worker);
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.worker);
  await waitForServiceWorker(page);
  await context.setOffline(true);

  const firstName = uniqueName('Outbox One');
  const secondName = uniqueName('Outbox Two');
  const first = await registerPatient(page, { name: firstName }); // 1
  await page.getByRole('link', { name: 'Edit patient' }).click(); // 2
  await page.getByLabel('Phone number').fill('+91-9000000005');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('+91-9000000005')).toBeVisible();
  const second = await registerPatient(page, { name: secondName, gender: 'Male' }); // 3
  await recordVitals(page, second, { pulse: 76 }); // 4
  await recordVitals(page, first, { weight: 61.5 }); // 5
  await expect(pendingCount(page)).not.toHaveAttribute('data-count', '0');

  await page.close();
  await context.setOffline(false);
  const reopened = await context.newPage();
  await visit(reopened, '/', ACCOUNTS.worker);
  await waitUntilSynced(reopened);

  expect(await api.patient(first)).toMatchObject({
    name: firstName,
    phone_number: '+91-9000000005',
  });
  expect(await api.patient(second)).toMatchObject({ name: secondName, gender: 'Male' });
  const pulse = await api.records(second);
  expect(pulse).toHaveLength(1);
  expect(JSON.stringify(pulse[0]?.data)).toContain('8867-4');
  const weight = await api.records(first);
  expect(weight).toHaveLength(1);
  expect(JSON.stringify(weight[0]?.data)).toContain('29463-7');
});
