import type { Browser, Page } from '@playwright/test';
import { ACCOUNTS } from './accounts';
import { signIn } from './app';

/** A pharmacist's phone and a health worker's, each signed in in its own browser context. */
export async function pharmacistAndWorker(browser: Browser) {
  const pharmacistContext = await browser.newContext();
  const workerContext = await browser.newContext();
  const pharmacist = await pharmacistContext.newPage();
  const worker = await workerContext.newPage();
  await signIn(pharmacist, ACCOUNTS.pharmacist);
  await signIn(worker, ACCOUNTS.worker);
  return { pharmacistContext, workerContext, pharmacist, worker };
}

/** On the medicine availability screen: one pharmacy's line of one medicine. */
export function availabilityLine(page: Page, medicine: string, pharmacy: string) {
  return page
    .getByTestId('medicine')
    .filter({ hasText: medicine })
    .getByRole('listitem')
    .filter({ hasText: pharmacy });
}
