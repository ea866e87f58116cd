import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import {
  expectSavedOnDevice,
  signIn,
  uniqueName,
  visit,
  waitForServiceWorker,
} from './support/app';
import { checkAndShoot as shoot } from './support/check-screen';
import { recordVitals, registerPatient, updateVisit } from './support/screens';

// A doctor prints a visit's summary for the patient, offline: patient, the day's vitals with
// their flags, diagnosis, prescription and the facility, through the browser's print dialog
// (the one thing faked: window.print), on one A4 page or a thermal receipt's width.
test.use({ viewport: { width: 360, height: 740 } });

/** The pages of a PDF Chromium printed, each with its MediaBox width and height in points. */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString('latin1');
  return [
    ...text.matchAll(
      /\/Type\s*\/Page\b(?!s)[\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g,
    ),
  ].map((m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }));
}

/** What the print shows: the text of everything not hidden in print media. */
async function printedText(page: Page) {
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ({
    body: document.body.innerText.trim(),
    sheet: document.querySelector<HTMLElement>('[data-print-sheet]')?.innerText.trim() ?? '',
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  // Not 'screen': page.pdf() would then print with screen media.
  await page.emulateMedia({ media: null });
  return printed;
}

const localDateTime = (at: Date) =>
  new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

test('a visit summary prints offline on A4 and on a thermal receipt, with flagged vitals', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(150_000);
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await signIn(page, ACCOUNTS.doctor);
  await waitForServiceWorker(page);
  const name = uniqueName('Print Patient');
  const patientId = await registerPatient(page, { name, dob: '1971-04-12', gender: 'Female' });
  await context.setOffline(true);

  await recordVitals(page, patientId, { systolic: 168, diastolic: 104, pulse: 72, spo2: 97 });
  await visit(page, `/appointments/new?patient=${patientId}`);
  await page.getByLabel('Doctor').selectOption({ label: 'Dr. Anil Deshmukh (General Medicine)' });
  await page.getByLabel('Date and time').fill(localDateTime(new Date()));
  await page.getByLabel('Symptoms').fill('Headache for three days');
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Visit' })).toBeVisible();
  await expectSavedOnDevice(page);
  const appointmentId = new URL(page.url()).searchParams.get('id') ?? '';
  await updateVisit(page, appointmentId, {
    status: 'COMPLETED',
    diagnosis: 'Hypertension, stage 2',
    prescription: 'Amlodipine 5 mg once daily\nReview in 2 weeks',
  });

  await page.getByRole('link', { name: 'Print summary' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Visit summary' })).toBeVisible();
  const sheet = page.getByRole('article', { name: 'Visit summary' });
  await expect(sheet.getByRole('heading', { name: 'Gram Primary Health Centre' })).toBeVisible();
  await expect(sheet).toContainText(name);
  await expect(sheet).toContainText('12 April 1971');
  await expect(sheet).toContainText('Dr. Anil Deshmukh');
  await expect(sheet.getByRole('listitem')).toHaveText([
    'Blood pressure: 168/104 mmHg⚠ High',
    'Pulse: 72 /min',
    'SpO₂: 97 %',
  ]);
  await expect(sheet).toContainText('Hypertension, stage 2');
  await expect(sheet).toContainText('Amlodipine 5 mg once daily\nReview in 2 weeks');
  await expect(sheet).toContainText('Printed');
  await shoot(page, testInfo, 'visit-summary-en');

  await page.getByRole('button', { name: 'Print', exact: true }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // In print, only the summary: no header, navigation, status bar or controls.
  const a4 = await printedText(page);
  expect(a4.sheet).toContain('Hypertension, stage 2');
  expect(a4.body).toBe(a4.sheet);
  const a4Pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(a4Pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual([[595, 842]]);

  // A thermal receipt: the roll's width, nothing wider than it.
  for (const [paper, label, widthPt, widthPx] of [
    ['receipt80', 'Receipt 80 mm', 227, 302],
    ['receipt58', 'Receipt 58 mm', 164, 219],
  ] as const) {
    await page.getByText(label, { exact: true }).click();
    await expect(sheet).toHaveAttribute('data-paper', paper);
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.map((p) => Math.round(p.width))).toEqual(pages.map(() => widthPt));
    await page.setViewportSize({ width: widthPx, height: 740 });
    const receipt = await printedText(page);
    expect(receipt.overflow, `${paper}: nothing wider than the roll`).toBeLessThanOrEqual(0);
    expect(receipt.body).toBe(receipt.sheet);
    await page.setViewportSize({ width: 360, height: 740 });
  }
  await shoot(page, testInfo, 'visit-summary-receipt-en');

  // The choice of paper is remembered; the words in Hindi.
  await page.evaluate(() => window.localStorage.setItem('healthsync.locale', 'hi'));
  await visit(page, `/appointments/print?id=${appointmentId}`);
  const hindi = page.getByRole('article', { name: 'विज़िट का सारांश' });
  await expect(hindi).toHaveAttribute('data-paper', 'receipt58');
  await page.getByText('A4', { exact: true }).click();
  await expect(hindi.getByRole('listitem').first()).toContainText('ज़्यादा');
  await shoot(page, testInfo, 'visit-summary-hi');
});
