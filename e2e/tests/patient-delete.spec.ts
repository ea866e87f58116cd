import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import { signIn, uniqueName, waitUntilSynced } from './support/app';
import { registerPatient } from './support/screens';

test('a patient is deleted after a confirmation, and the deletion reaches the API', async ({
  page,
  request,
}) => {
  await signIn(page, ACCOUNTS.worker);
  const name = uniqueName('To Delete');
  const id = await registerPatient(page, { name });
  await waitUntilSynced(page);
  const api = await Api.signIn(request, ACCOUNTS.worker);
  expect(await api.patient(id)).not.toBeNull();

  await page.getByRole('button', { name: 'Delete patient' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.getByRole('button', { name: 'Delete patient' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/patients$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
  await waitUntilSynced(page);
  await expect.poll(() => api.patient(id)).toBeNull();
});
