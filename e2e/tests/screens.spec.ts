import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import { reloadUnlocked, signIn, visit } from './support/app';
import { checkScreen } from './support/check-screen';

test.describe('every screen at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('is accessible, fits a small phone and has large touch targets', async ({
    page,
    request,
  }, testInfo) => {
    test.setTimeout(180_000);
    const api = await Api.signIn(request, ACCOUNTS.doctor);
    const { body } = await api.get('/api/patients/');
    const patients = (Array.isArray(body) ? body : []) as { id: string; name: string }[];
    const patient = patients.find((p) => p.name === 'Ramesh Patil');
    const appointment = (await api.appointments()).find((a) => a.patient_id === patient?.id);
    expect(patient && appointment).toBeTruthy();

    await visit(page, '/');
    await checkScreen(page, testInfo, 'sign-in');
    await signIn(page, ACCOUNTS.doctor);

    const screens: [string, string, string][] = [
      ['home', '/', 'HealthSync'],
      ['patients', '/patients', 'Patients'],
      ['register-patient', '/patients/new', 'Register patient'],
      ['patient', `/patients/view?id=${patient?.id}`, 'Ramesh Patil'],
      ['edit-patient', `/patients/edit?id=${patient?.id}`, 'Edit patient'],
      ['record-vitals', `/patients/vitals?id=${patient?.id}`, 'Vitals: Ramesh Patil'],
      ['appointments', '/appointments', 'Appointments'],
      ['book-appointment', `/appointments/new?patient=${patient?.id}`, 'Book appointment'],
      ['visit', `/appointments/view?id=${String(appointment?.id)}`, 'Visit'],
      ['conflicts', '/conflicts', 'Conflicts'],
      ['medicines', '/medicines', 'Medicine availability'],
    ];
    for (const [name, path, heading] of screens) {
      await visit(page, path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await checkScreen(page, testInfo, name);
    }
  });

  test('pharmacist screens are accessible and fit a small phone', async ({ page }, testInfo) => {
    // A full page load unlocks again (PBKDF2, 600,000 iterations) before its screen is checked.
    test.setTimeout(90_000);
    await signIn(page, ACCOUNTS.pharmacist);
    await checkScreen(page, testInfo, 'pharmacist-home');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My stock' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'My stock' })).toBeVisible();
    await checkScreen(page, testInfo, 'stock');
    await visit(page, '/medicines');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Medicine availability' }),
    ).toBeVisible();
    await checkScreen(page, testInfo, 'medicines-pharmacist');
  });

  test('admin screens are accessible and fit a small phone', async ({
    page,
    request,
  }, testInfo) => {
    test.setTimeout(120_000);
    const api = await Api.signIn(request, ACCOUNTS.admin);
    const { body } = await api.get('/api/admin/users/');
    const worker = (body as { id: string; username: string }[]).find(
      (u) => u.username === ACCOUNTS.worker.username,
    );
    expect(worker).toBeTruthy();

    await signIn(page, ACCOUNTS.admin);
    await checkScreen(page, testInfo, 'admin-home-signed-in');
    const screens: [string, string, string][] = [
      ['admin', '/admin', 'Administration'],
      ['admin-users', '/admin/users', 'Users'],
      ['admin-new-user', '/admin/users/new', 'New user'],
      ['admin-edit-user', `/admin/users/edit?id=${String(worker?.id)}`, 'Edit user'],
      ['admin-devices', '/admin/devices', 'Device sync'],
      ['admin-conflicts', '/admin/conflicts', 'All conflicts'],
      ['admin-audit', '/admin/audit', 'Audit log'],
      ['admin-directory', '/admin/directory', 'Places and medicines'],
    ];
    for (const [name, path, heading] of screens) {
      await visit(page, path);
      await expect(
        page.getByRole('heading', { level: 1, name: heading, exact: true }),
      ).toBeVisible();
      await checkScreen(page, testInfo, name);
    }
    // The audit log with one entry's changes open.
    await visit(page, '/admin/audit');
    await page
      .getByTestId('audit-entry')
      .first()
      .getByText(/^Changes/)
      .click();
    await checkScreen(page, testInfo, 'admin-audit-diff');
  });

  test('speaks Hindi and Punjabi, and remembers the choice', async ({ page }, testInfo) => {
    test.setTimeout(90_000); // two full page loads, each unlocking again
    await signIn(page, ACCOUNTS.worker);
    await page.getByLabel('Language').selectOption('hi');
    await expect(page.locator('html')).toHaveAttribute('lang', 'hi');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'मरीज़' })).toBeVisible();
    await visit(page, '/patients');
    await expect(page.getByRole('heading', { level: 1, name: 'मरीज़' })).toBeVisible();
    await checkScreen(page, testInfo, 'patients-hindi');

    await page.getByLabel('भाषा').selectOption('pa');
    await expect(page.locator('html')).toHaveAttribute('lang', 'pa');
    await reloadUnlocked(page);
    await expect(page.getByRole('heading', { level: 1, name: 'ਮਰੀਜ਼' })).toBeVisible();
    await checkScreen(page, testInfo, 'patients-punjabi');
  });
});
