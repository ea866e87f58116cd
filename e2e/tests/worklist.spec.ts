import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import {
  reloadUnlocked,
  signIn,
  uniqueName,
  visit,
  waitForServiceWorker,
  waitUntilSynced,
} from './support/app';
import { checkAndShoot as shoot } from './support/check-screen';
import { updateVisit } from './support/screens';

// A health worker's home is today's work: today's visits, past-due follow-ups and readings out of
// normal that no doctor has reviewed, read offline from the phone's store. Axe, 360 px fit and
// touch targets; with E2E_SCREENSHOT_DIR set, screenshots for the web README.
test.use({ viewport: { width: 360, height: 740 } });

const DAY = 86_400_000;
const localDay = (at: Date) =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;

/** Three patients: one seen today, one whose follow-up passed, one with a fast pulse. */
async function seed(api: Api) {
  const names = {
    today: uniqueName('Today Visit'),
    overdue: uniqueName('Overdue Follow'),
    abnormal: uniqueName('Fast Pulse'),
  };
  const ids: Record<keyof typeof names, string> = { today: '', overdue: '', abnormal: '' };
  for (const key of Object.keys(names) as (keyof typeof names)[]) {
    const { status, body } = await api.send('POST', '/api/patients/', { name: names[key] });
    expect(status).toBe(201);
    ids[key] = (body as { id: string }).id;
  }
  const now = new Date();
  // Later today on this machine's clock (the browser's too), unless that is past midnight.
  const todayAt = new Date(
    Math.min(now.getTime() + 60_000, new Date(localDay(now) + 'T23:59:00').getTime()),
  );
  const visit = (payload: Record<string, unknown>) => ({
    operation: 'create',
    resource_type: 'Appointment',
    client_temp_id: crypto.randomUUID(),
    payload,
  });
  const { status, body } = await api.send('POST', '/api/sync/upload/', {
    device_id: 'worklist-e2e',
    changes: [
      visit({
        patient_id: ids.today,
        appointment_date: todayAt.toISOString(),
        status: 'CONFIRMED',
      }),
      visit({
        patient_id: ids.overdue,
        appointment_date: new Date(now.getTime() - 10 * DAY).toISOString(),
        status: 'COMPLETED',
        follow_up_date: localDay(new Date(now.getTime() - 3 * DAY)),
      }),
      {
        operation: 'create',
        resource_type: 'Observation',
        client_temp_id: crypto.randomUUID(),
        payload: {
          patient_id: ids.abnormal,
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
          subject: { reference: `Patient/${ids.abnormal}` },
          effectiveDateTime: new Date(now.getTime() - 60 * 60_000).toISOString(),
          valueQuantity: {
            value: 128,
            unit: '/min',
            system: 'http://unitsofmeasure.org',
            code: '/min',
          },
        },
      },
    ],
  });
  expect(status).toBe(200);
  expect((body as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
    'created',
    'created',
    'created',
  ]);
  return { names, ids };
}

test("a worker's work list, offline: today's visit, an overdue follow-up, a reading out of normal", async ({
  page,
  context,
  request,
}, testInfo) => {
  test.setTimeout(150_000);
  const { names, ids } = await seed(await Api.signIn(request, ACCOUNTS.worker));
  await signIn(page, ACCOUNTS.worker);
  await waitForServiceWorker(page);
  await waitUntilSynced(page);

  await context.setOffline(true);
  await reloadUnlocked(page);
  const work = page.getByTestId('work-list');
  const section = (name: string) => work.getByRole('region', { name });
  await expect(
    section("Today's appointments").getByRole('link', { name: names.today }),
  ).toBeVisible();
  const overdue = section('Overdue follow-ups').getByRole('link', { name: names.overdue });
  await expect(overdue).toContainText('Follow-up was due');
  const abnormal = section('Vitals outside normal, not yet reviewed').getByRole('link', {
    name: names.abnormal,
  });
  await expect(abnormal).toContainText('High');
  // The navigation counts the list in words.
  await expect(
    page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Today, \d+ items?$/ }),
  ).toBeVisible();
  await shoot(page, testInfo, 'work-list-en');

  // Each item opens its screen: the visit, the patient.
  await section("Today's appointments").getByRole('link', { name: names.today }).click();
  await expect(page).toHaveURL(/\/appointments\/view\?id=/);
  await page.goBack();
  await abnormal.click();
  await expect(page).toHaveURL(new RegExp(`/patients/view\\?id=${ids.abnormal}`));
  await expect(page.getByRole('heading', { level: 1, name: names.abnormal })).toBeVisible();

  await page.evaluate(() => window.localStorage.setItem('healthsync.locale', 'hi'));
  await visit(page, '/');
  await expect(
    page.getByTestId('work-list').getByRole('heading', { name: 'आज का काम' }),
  ).toBeVisible();
  await expect(
    page.getByTestId('work-list').getByRole('link', { name: names.overdue }),
  ).toBeVisible();
  await shoot(page, testInfo, 'work-list-hi');
});

test('a doctor marks a reading reviewed on one phone; it leaves the list on another', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const { names } = await seed(await Api.signIn(request, ACCOUNTS.worker));
  await signIn(page, ACCOUNTS.doctor);
  const other = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const otherPage = await other.newPage();
  await signIn(otherPage, ACCOUNTS.worker);
  const abnormalOn = (p: typeof page) =>
    p
      .getByRole('region', { name: /^Vitals outside normal/ })
      .getByRole('link', { name: names.abnormal });
  await expect(abnormalOn(page)).toBeVisible();
  await expect(abnormalOn(otherPage)).toBeVisible();

  await page.getByRole('button', { name: `Mark reviewed: ${names.abnormal}` }).click();
  await expect(abnormalOn(page)).toHaveCount(0);
  // Synced, and brought to the other phone by the live change stream: no tap there.
  await expect(abnormalOn(otherPage)).toHaveCount(0, { timeout: 20_000 });
  await other.close();
});

test('a follow-up date set on the visit form reaches the server and the printed summary', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const api = await Api.signIn(request, ACCOUNTS.doctor);
  const { ids } = await seed(await Api.signIn(request, ACCOUNTS.worker));
  const visitId = (await api.appointments()).find((a) => a.patient_id === ids.today)?.id;
  expect(visitId).toBeTruthy();
  await signIn(page, ACCOUNTS.doctor);
  await updateVisit(page, String(visitId), { followUp: '2027-01-15' });
  await waitUntilSynced(page);
  expect((await api.appointment(String(visitId)))?.follow_up_date).toBe('2027-01-15');
  await page.getByRole('link', { name: 'Print summary' }).click();
  const sheet = page.getByRole('article', { name: 'Visit summary' });
  await expect(sheet).toContainText('Follow-up date');
  await expect(sheet).toContainText('15 January 2027');
});
