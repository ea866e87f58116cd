import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import { signIn, waitForServiceWorker, waitUntilSynced } from './support/app';
import { updateVisit } from './support/screens';

// Journey 2: two devices change the same field offline; the second one decides in its inbox.
test('two devices edit one diagnosis offline: the second re-applies from the conflict inbox', async ({
  browser,
  request,
}) => {
  // Two phones, each unlocking (PBKDF2, 600,000 iterations) after every full page load.
  test.setTimeout(150_000);
  const api = await Api.signIn(request, ACCOUNTS.doctor);
  const visit = (await api.appointments()).find((a) => a.symptoms === 'Dizziness, high BP reading');
  expect(visit, 'demo appointment 103').toBeTruthy();
  const visitId = String(visit?.id);

  const first = await browser.newContext();
  const second = await browser.newContext();
  const firstPage = await first.newPage();
  const secondPage = await second.newPage();
  await signIn(firstPage, ACCOUNTS.doctor);
  await signIn(secondPage, ACCOUNTS.doctor);
  await waitForServiceWorker(firstPage);
  await waitForServiceWorker(secondPage);

  await first.setOffline(true);
  await second.setOffline(true);
  const firstDiagnosis = `Hypertension stage 1 (first phone) ${Date.now()}`;
  const secondDiagnosis = `Hypertension stage 2 (second phone) ${Date.now()}`;
  await updateVisit(firstPage, visitId, { diagnosis: firstDiagnosis });
  await updateVisit(secondPage, visitId, { diagnosis: secondDiagnosis });

  await first.setOffline(false);
  await waitUntilSynced(firstPage);
  expect(await api.appointment(visitId)).toMatchObject({ diagnosis: firstDiagnosis });

  await second.setOffline(false);
  const conflictLink = secondPage.getByTestId('conflict-count');
  await expect(conflictLink).toHaveText('Conflicts: 1', { timeout: 20_000 });
  await conflictLink.click();

  const card = secondPage.getByTestId('conflict');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('mine-diagnosis')).toHaveText(secondDiagnosis);
  await expect(card.getByTestId('server-diagnosis')).toHaveText(firstDiagnosis);
  const axe = await new AxeBuilder({ page: secondPage }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  await secondPage.setViewportSize({ width: 360, height: 740 });
  await test.info().attach('conflict-inbox-360px', {
    body: await secondPage.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  await card.getByRole('button', { name: 'Keep mine' }).click();
  await expect(secondPage.getByText('No conflicts.')).toBeVisible();

  await waitUntilSynced(secondPage);
  await expect(secondPage.getByTestId('conflict-count')).toHaveCount(0);
  await expect
    .poll(async () => (await api.appointment(visitId))?.diagnosis, { timeout: 15_000 })
    .toBe(secondDiagnosis);

  await first.close();
  await second.close();
});
