import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { openFromNav, reloadUnlocked, signIn, visit, waitForServiceWorker } from './support/app';
import { registerPatient } from './support/screens';

/**
 * Collects every Content-Security-Policy violation the page meets: the DOM's
 * `securitypolicyviolation` event (reported through the console) and Chromium's own console
 * report of a refused script, style or connection.
 */
async function watchPolicyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}

async function openScreen(page: Page, path: string, heading: string | RegExp) {
  await visit(page, path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test('the app is served with a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  const directive = (name: string) =>
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .find(([directiveName]) => directiveName === name)
      ?.slice(1) ?? [];

  expect(csp).not.toContain('unsafe-eval');
  expect(directive('script-src')[0]).toBe("'self'");
  expect(directive('script-src')).not.toContain("'unsafe-inline'");
  expect(directive('script-src').slice(1).length).toBeGreaterThan(0);
  for (const source of directive('script-src').slice(1)) expect(source).toMatch(/^'sha256-/);
  expect(directive('frame-ancestors')).toEqual(["'none'"]);
  expect(directive('object-src')).toEqual(["'none'"]);
  expect(directive('base-uri')).toEqual(["'self'"]);
  expect(directive('connect-src')).toEqual(["'self'"]);
  expect(response?.headers()['x-frame-options']).toBe('DENY');
});

test('the policy is enforced: an injected inline script is refused and reported', async ({
  page,
}) => {
  const violations = await watchPolicyViolations(page);
  await visit(page, '/');
  await expect(page.getByRole('region', { name: 'Sign in' })).toBeVisible();
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});

test('a day of work across the screens meets no policy violation, online and offline', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const violations = await watchPolicyViolations(page);

  await signIn(page, ACCOUNTS.doctor); // the sign-in screen, then the first sync and live events
  await waitForServiceWorker(page);
  await openFromNav(page, 'Patients'); // client-side navigation: RSC payloads, no new document
  await openFromNav(page, 'Appointments');
  const id = await registerPatient(page, { name: `CSP check ${Date.now()}`, gender: 'Female' });
  await openScreen(page, `/patients/edit?id=${id}`, 'Edit patient');
  await openScreen(page, `/patients/vitals?id=${id}`, /^Vitals/);
  await openScreen(page, '/appointments', 'Appointments');
  await openScreen(page, `/appointments/new?patient=${id}`, 'Book appointment');
  await openScreen(page, '/conflicts', 'Conflicts');
  await openScreen(page, '/medicines', 'Medicine availability');
  await page.goto('/no-such-screen');
  await expect(page.getByText('404')).toBeVisible(); // Next's own 404 page, inline styles and all

  // Offline, the service worker answers from its precache: the stored responses keep the policy.
  await context.setOffline(true);
  await openScreen(page, `/patients/view?id=${id}`, /^CSP check/);
  await reloadUnlocked(page);
  await expect(page.getByRole('heading', { level: 1, name: /^CSP check/ })).toBeVisible();
  await context.setOffline(false);

  expect(violations).toEqual([]);
});

test('the administration screens meet no policy violation', async ({ page }) => {
  test.setTimeout(90_000);
  const violations = await watchPolicyViolations(page);
  await signIn(page, ACCOUNTS.admin);
  const screens: [string, string][] = [
    ['/admin', 'Administration'],
    ['/admin/users', 'Users'],
    ['/admin/users/new', 'New user'],
    ['/admin/devices', 'Device sync'],
    ['/admin/conflicts', 'All conflicts'],
    ['/admin/audit', 'Audit log'],
    ['/admin/directory', 'Places and medicines'],
  ];
  for (const [path, heading] of screens) {
    await visit(page, path);
    await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test('the pharmacy screens meet no policy violation', async ({ page }) => {
  const violations = await watchPolicyViolations(page);
  await signIn(page, ACCOUNTS.pharmacist);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'My stock' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'My stock' })).toBeVisible();
  await openScreen(page, '/medicines', 'Medicine availability');
  expect(violations).toEqual([]);
});
