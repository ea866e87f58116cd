import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import {
  expectSavedOnDevice,
  signIn,
  visit,
  waitForServiceWorker,
  waitUntilSynced,
} from './support/app';
import { recordVitals } from './support/screens';

test('a health worker books a visit and records SpO2 offline; both reach the API', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(60_000);
  const api = await Api.signIn(request, ACCOUNTS.worker);
  const { body } = await api.get('/api/patients/');
  const sunita = (body as { id: string; name: string }[]).find((p) => p.name === 'Sunita Jadhav');
  expect(sunita).toBeTruthy();
  const patientId = sunita?.id ?? '';

  await signIn(page, ACCOUNTS.worker);
  await waitForServiceWorker(page);
  await context.setOffline(true);

  await recordVitals(page, patientId, { spo2: 94 });
  await expect(page.getByText('SpO₂: 94 %')).toBeVisible();

  await page.getByRole('link', { name: 'Book appointment' }).click();
  await expect(page.getByText('Patient: Sunita Jadhav')).toBeVisible();
  const symptoms = `Breathlessness on exertion ${Date.now()}`;
  await page.getByLabel('Doctor').selectOption({ label: 'Dr. Priya Kulkarni (Pulmonology)' });
  await page.getByLabel('Date and time').fill('2030-05-06T09:30');
  await page.getByLabel('Symptoms').fill(symptoms);
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Visit' })).toBeVisible();
  await expectSavedOnDevice(page);
  const appointmentId = new URL(page.url()).searchParams.get('id') ?? '';

  await visit(page, '/appointments');
  await page.getByRole('button', { name: 'Pending' }).click();
  await expect(page.getByRole('link').filter({ hasText: symptoms })).toContainText(
    'Not synced yet',
  );

  await context.setOffline(false);
  await waitUntilSynced(page);
  await expect(page.getByRole('link').filter({ hasText: symptoms })).not.toContainText(
    'Not synced yet',
  );

  const booked = await api.appointment(appointmentId);
  expect(booked).toMatchObject({ patient_id: patientId, status: 'PENDING', symptoms });
  expect(new Date(String(booked?.appointment_date)).getTime()).toBe(
    new Date('2030-05-06T09:30').getTime(),
  );
  const spo2 = (await api.records(patientId)).filter((r) =>
    JSON.stringify(r.data).includes('59408-5'),
  );
  expect(spo2).toHaveLength(1);
  expect(spo2[0]?.data).toMatchObject({ valueQuantity: { value: 94, code: '%' } });
});
