import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import {
  openFromNav,
  pendingCount,
  reloadOffline,
  signIn,
  uniqueName,
  waitForServiceWorker,
  waitUntilSynced,
} from './support/app';
import { recordVitals, registerPatient, updateVisit } from './support/screens';

// Journey 1: a day's work with no connection, synced when the link comes back.
test('offline after one online sign-in: register, vitals and a visit update all reach the API', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(90_000);
  const api = await Api.signIn(request, ACCOUNTS.doctor);
  const visit = (await api.appointments()).find(
    (a) => a.symptoms === 'Persistent cough, difficulty breathing',
  );
  expect(visit, 'demo appointment 102').toBeTruthy();
  const visitId = String(visit?.id);

  await signIn(page, ACCOUNTS.doctor);
  await waitForServiceWorker(page);

  await reloadOffline(page, context); // the service worker serves the app
  await expect(page.getByTestId('signed-in-as')).toContainText(ACCOUNTS.doctor.displayName);
  await openFromNav(page, 'Patients');

  const name = uniqueName('Offline Patient');
  const patientId = await registerPatient(page, {
    name,
    dob: '1990-04-12',
    gender: 'Female',
    phone: '+91-9000000001',
  });
  await recordVitals(page, patientId, { systolic: 128, diastolic: 84, temperature: 37.4 });
  await expect(page.getByText('Blood pressure: 128/84 mmHg')).toBeVisible();
  await expect(page.getByText('Temperature: 37.4 °C')).toBeVisible();

  const diagnosis = `Community-acquired pneumonia ${Date.now()}`;
  await updateVisit(page, visitId, { status: 'COMPLETED', diagnosis });
  await expect(pendingCount(page)).not.toHaveAttribute('data-count', '0');

  await context.setOffline(false);
  await expect(page.getByTestId('connection')).toHaveText('Online');
  await waitUntilSynced(page);
  await expect(pendingCount(page)).toHaveText('Waiting to sync: 0');

  const patient = await api.patient(patientId);
  expect(patient).toMatchObject({ name, dob: '1990-04-12', gender: 'Female' });
  const records = await api.records(patientId);
  const codes = records.map((r) => JSON.stringify((r.data as { code?: unknown }).code));
  expect(records).toHaveLength(2);
  expect(codes.some((c) => c.includes('85354-9'))).toBe(true);
  expect(codes.some((c) => c.includes('8310-5'))).toBe(true);
  const bp = records.find((r) => JSON.stringify(r.data).includes('85354-9'));
  expect(JSON.stringify(bp?.data)).toContain('"code":"mm[Hg]"');
  expect(await api.appointment(visitId)).toMatchObject({ status: 'COMPLETED', diagnosis });
});
