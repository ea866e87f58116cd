import { expect, test } from '@playwright/test';
import { expectSavedOnDevice, visit, waitForServiceWorker, waitUntilSynced } from './support/app';
import { availabilityLine, pharmacistAndWorker } from './support/stock';

// Journey 5: a pharmacist's stock update, made offline, reaches a health worker's phone.
test('medicine availability shows the stock a pharmacist changed on another device, after a sync', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { pharmacistContext, workerContext, pharmacist, worker } =
    await pharmacistAndWorker(browser);

  await visit(worker, '/medicines');
  await worker.getByLabel('Search a medicine').fill('parac');
  const line = availabilityLine(worker, 'Paracetamol 500mg', 'Gram Medical Store, Warna');
  await expect(line.getByTestId('stock-quantity')).toHaveText('In stock: 250');

  await waitForServiceWorker(pharmacist);
  await pharmacistContext.setOffline(true);
  await visit(pharmacist, '/stock');
  await expect(pharmacist.getByText('Gram Medical Store, Warna')).toBeVisible();
  const stockLine = pharmacist.getByTestId('stock-line').filter({ hasText: 'Paracetamol 500mg' });
  await stockLine.getByLabel('Paracetamol 500mg').fill('37');
  await stockLine.getByRole('button', { name: 'Save' }).click();
  await expectSavedOnDevice(pharmacist);
  await expect(stockLine).toContainText('Not synced yet');
  await pharmacistContext.setOffline(false);
  await waitUntilSynced(pharmacist);

  await worker.getByRole('button', { name: 'Sync now' }).click();
  await expect(line.getByTestId('stock-quantity')).toHaveText('In stock: 37', { timeout: 15_000 });

  await pharmacistContext.close();
  await workerContext.close();
});
