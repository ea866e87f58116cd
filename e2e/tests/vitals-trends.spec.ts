import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import { signIn, uniqueName, visit, waitUntilSynced } from './support/app';
import { checkAndShoot as shoot } from './support/check-screen';
import { recordVitals, registerPatient } from './support/screens';

// A doctor following a hypertensive patient: a high reading is flagged on the form before it is
// saved, stored with FHIR interpretation codes, and marked high on the patient page's chart and
// its table. Axe, 360 px fit and touch targets on both screens; with E2E_SCREENSHOT_DIR set the
// screenshots are written there for the web README (apps/web/docs/screenshots).
test.use({ viewport: { width: 360, height: 740 } });

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
type Concept = { coding?: { system?: string; code?: string }[] }[] | undefined;
const codesOf = (interpretation: Concept) =>
  (interpretation ?? []).flatMap((c) =>
    (c.coding ?? []).filter((x) => x.system === INTERPRETATION).map((x) => x.code),
  );

test('a high blood pressure is flagged on the form, stored as H and marked high on the chart', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(150_000);
  await signIn(page, ACCOUNTS.doctor);
  const patientId = await registerPatient(page, { name: uniqueName('Trend Patient') });
  await waitUntilSynced(page);
  // A week-old reading from before flags existed (no interpretation): flagged from its values.
  const api = await Api.signIn(request, ACCOUNTS.doctor);
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const old = await api.send('POST', '/api/records/', {
    patient: patientId,
    resource_type: 'Observation',
    data: {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { reference: `Patient/${patientId}` },
      effectiveDateTime: weekAgo,
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
          valueQuantity: {
            value: 142,
            unit: 'mm[Hg]',
            system: 'http://unitsofmeasure.org',
            code: 'mm[Hg]',
          },
        },
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
          valueQuantity: {
            value: 92,
            unit: 'mm[Hg]',
            system: 'http://unitsofmeasure.org',
            code: 'mm[Hg]',
          },
        },
      ],
    },
  });
  expect(old.status).toBe(201);
  await recordVitals(page, patientId, { systolic: 118, diastolic: 76, pulse: 72 });

  // The form flags the reading while it is typed, before anything is saved.
  await visit(page, `/patients/vitals?id=${patientId}`);
  const systolic = page.getByLabel(/^Systolic/);
  await systolic.fill('168');
  await page.getByLabel(/^Diastolic/).fill('104');
  await expect(systolic).toHaveAccessibleDescription('⚠ High. Normal for adults: 90–119 mmHg.');
  await expect(page.getByRole('status').filter({ hasText: 'High BP, stage 2' })).toHaveText(
    '⚠ High BP, stage 2 (140/90 or more).',
  );
  await page.getByLabel(/^Pulse/).fill('72');
  await expect(page.getByLabel(/^Pulse/)).not.toHaveAccessibleDescription(/High|Low/);
  await shoot(page, testInfo, 'vitals-flagged-en');
  await page.getByRole('button', { name: 'Save vitals' }).click();
  await expect(page).toHaveURL(/\/patients\/view\?id=/);

  // The patient page: the chart (uPlot, loaded on demand) and its table mark the new reading high.
  const bp = page.locator('figure[data-trend="bloodPressure"]');
  await expect(
    bp.getByRole('img', {
      name: 'Blood pressure over time: 3 readings, 2 outside the normal range.',
    }),
  ).toBeVisible({ timeout: 15_000 });
  await expect(bp.locator('canvas')).toBeVisible();
  const table = page.getByRole('table', { name: 'Blood pressure: every reading' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Date and time',
    'Reading',
    'Compared with normal',
  ]);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).getByRole('cell')).toHaveText(['168/104 mmHg', 'High']);
  await expect(rows.nth(1).getByRole('cell')).toHaveText(['118/76 mmHg', 'Normal']);
  await expect(rows.nth(2).getByRole('cell')).toHaveText(['142/92 mmHg', 'High']);
  await expect(page.getByText('Blood pressure: 168/104 mmHg⚠ High')).toBeVisible();
  await expect(page.locator('figure[data-trend="pulse"]')).toBeVisible();
  await shoot(page, testInfo, 'patient-trends-en');

  // Stored as FHIR interpretation codes: H on each component and on the panel.
  await waitUntilSynced(page);
  const panels = (await api.records(patientId))
    .map((r) => r.data as { code?: { coding?: { code?: string }[] } } & Record<string, unknown>)
    .filter((d) => d.code?.coding?.[0]?.code === '85354-9');
  const high = panels.find((d) => JSON.stringify(d).includes('"value":168')) as
    { interpretation: Concept; component: { interpretation: Concept }[] } | undefined;
  expect(codesOf(high?.interpretation)).toEqual(['H']);
  expect(high?.component.map((c) => codesOf(c.interpretation))).toEqual([['H'], ['H']]);

  // In Hindi: the same screens, words from the Hindi dictionary.
  await page.evaluate(() => window.localStorage.setItem('healthsync.locale', 'hi'));
  await visit(page, `/patients/view?id=${patientId}`);
  await expect(
    page.getByRole('table', { name: 'बीपी (ब्लड प्रेशर): सभी रीडिंग' }).locator('tbody tr').first(),
  ).toContainText('ज़्यादा');
  await expect(page.locator('figure[data-trend="bloodPressure"] canvas')).toBeVisible();
  await shoot(page, testInfo, 'patient-trends-hi');
  await visit(page, `/patients/vitals?id=${patientId}`);
  await page.getByLabel(/^सिस्टोलिक/).fill('168');
  await page.getByLabel(/^डायस्टोलिक/).fill('104');
  await expect(page.getByRole('status').filter({ hasText: 'हाई बीपी' })).toHaveText(
    '⚠ हाई बीपी, स्टेज 2 (140/90 या ज़्यादा)।',
  );
  await shoot(page, testInfo, 'vitals-flagged-hi');
});
