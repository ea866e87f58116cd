import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { signIn, visit } from './support/app';

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

test.describe('administration', () => {
  test.describe.configure({ timeout: 90_000 });

  test('an admin creates a user who signs in, sees that device sync and the creation in the audit log', async ({
    page,
    browser,
    context,
  }) => {
    const username = `nurse_${Math.random().toString(36).slice(2, 8)}`;
    const displayName = `Nurse ${username.slice(6)}`;
    const password = 'a-long-enough-password';

    await signIn(page, ACCOUNTS.admin);
    await mainNav(page).getByRole('link', { name: 'Admin' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
    const sections = page.getByRole('navigation', { name: 'Administration' });
    await sections.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(page.getByTestId('admin-user').filter({ hasText: 'worker2' })).toBeVisible();

    await page.getByRole('link', { name: 'New user' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Display name').fill(displayName);
    await form.getByLabel('Password').fill('short');
    await form.getByLabel('Role').selectOption({ label: 'Health worker' });
    await form.getByLabel('Facility').selectOption({ label: 'Gram Primary Health Centre' });
    await form.getByRole('button', { name: 'Create user' }).click();
    // The API's field error is shown next to the field it names.
    await expect(form.getByText('Use at least 10 characters.')).toBeVisible();
    await expect(form.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(page).toHaveURL(/\/admin\/users\?saved=/);
    await expect(page.getByRole('status').filter({ hasText: `Saved: ${username}` })).toBeVisible();
    const row = page.locator(`[data-testid="admin-user"][data-username="${username}"]`);
    await expect(row).toContainText(displayName);
    const editHref = await row.getByRole('link', { name: `Edit ${username}` }).getAttribute('href');
    const userId = new URL(editHref ?? '', 'http://x').searchParams.get('id');
    expect(userId).toBeTruthy();

    // The new user signs in on their own device, which syncs; they see no admin screens.
    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await signIn(theirPage, { username, password, displayName });
    await expect(mainNav(theirPage).getByRole('link', { name: 'Patients' })).toBeVisible();
    await expect(mainNav(theirPage).getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await visit(theirPage, '/admin/users');
    await expect(
      theirPage.getByRole('alert').filter({ hasText: 'Only administrators' }),
    ).toBeVisible();
    await theirs.close();

    // The admin sees that device's sync health.
    await sections.getByRole('link', { name: 'Device sync' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Device sync' })).toBeVisible();
    const device = page.locator(`[data-testid="device"][data-username="${username}"]`);
    await expect(device).toHaveCount(1);
    await expect(device).toContainText('Last download');
    await expect(device).not.toContainText('Not seen for 3+ days');

    // …and the creation in the audit log, newest first, with the "after" side of the diff.
    await sections.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    const filter = page.getByRole('form', { name: 'Filter the audit log' });
    await filter.getByLabel('Record type').selectOption('User');
    await filter.getByLabel('Record id').fill(userId ?? '');
    await filter.getByRole('button', { name: 'Show' }).click();
    // Other tests create users at the same time: this account's history is its creation only.
    const entries = page.getByTestId('audit-entry');
    await expect(entries).toHaveCount(1);
    const entry = entries.first();
    await expect(entry).toHaveAttribute('data-entity-id', userId ?? '');
    await expect(entry).toContainText('Created · User');
    await entry.getByText(/^Changes/).click();
    await expect(entry.getByRole('insertion').filter({ hasText: username })).toBeVisible();
    await expect(entry).toContainText(ACCOUNTS.admin.username);

    // Offline, the admin screens say they need a connection instead of failing.
    await context.setOffline(true);
    await expect(page.getByTestId('admin-offline')).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByTestId('admin-offline')).toHaveCount(0);
    await expect(page.getByTestId('audit-entry').first()).toBeVisible();
  });

  test('an admin changes a user (display name, deactivation) and adds a medicine', async ({
    page,
  }) => {
    await signIn(page, ACCOUNTS.admin);
    const username = `clerk_${Math.random().toString(36).slice(2, 8)}`;
    await visit(page, '/admin/users/new');
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Password').fill('a-long-enough-password');
    await form.getByLabel('Role').selectOption({ label: 'Pharmacist' });
    await form.getByLabel('Facility').selectOption({ label: 'Gram Primary Health Centre' });
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByText('A pharmacist needs a pharmacy.')).toBeVisible();
    await form.getByLabel('Pharmacy').selectOption({ label: 'Village Care Pharmacy, Gram' });
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(page).toHaveURL(/\/admin\/users\?saved=/);

    const row = page.locator(`[data-testid="admin-user"][data-username="${username}"]`);
    await row.getByRole('link', { name: `Edit ${username}` }).click();
    const edit = page.getByRole('form', { name: 'Edit user' });
    await edit.getByLabel('Display name').fill('Counter Clerk');
    await edit.getByLabel('Account').selectOption({ label: 'Deactivated' });
    await edit.getByRole('button', { name: 'Save user' }).click();
    await expect(page).toHaveURL(/\/admin\/users\?saved=/);
    await expect(row).toContainText('Counter Clerk');
    await expect(row).toContainText('Deactivated');

    const medicine = `Zinc ${Math.random().toString(36).slice(2, 6)}`;
    await visit(page, '/admin/directory');
    const medicines = page.getByTestId('medicines');
    const add = medicines.getByRole('form', { name: 'Add a medicine' });
    await add.getByLabel('Name').fill(medicine);
    await add.getByLabel('Strength').fill('20mg');
    await add.getByRole('button', { name: 'Add' }).click();
    await expect(add.getByRole('status')).toContainText('Added');
    // It reaches the device through sync, like every other device.
    await expect(medicines.getByRole('list', { name: 'Medicines' })).toContainText(
      `${medicine} · 20mg`,
      { timeout: 15_000 },
    );
  });
});
