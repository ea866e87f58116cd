import type { Page } from '@playwright/test';
import type { Api } from './api';

/** Every IndexedDB store of the page's origin and its localStorage, as raw text. */
export async function rawDeviceDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const dump: Record<string, unknown> = { localStorage: { ...localStorage } };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await request(indexedDB.open(name));
      const stores = [...db.objectStoreNames];
      for (const store of stores) {
        const tx = db.transaction(store, 'readonly');
        dump[`${name}/${store}`] = await request(tx.objectStore(store).getAll());
      }
      db.close();
    }
    return JSON.stringify(dump);
  });
}

/** Names and phone numbers of the patients `api`'s user sees on the server. */
export async function patientSecrets(api: Api): Promise<string[]> {
  const { body } = await api.get('/api/patients/?page_size=500');
  const list = Array.isArray(body) ? body : ((body as { results?: unknown[] }).results ?? []);
  const secrets: string[] = [];
  for (const patient of list as { name?: string; phone_number?: string | null }[]) {
    if (patient.name) secrets.push(patient.name);
    if (patient.phone_number) secrets.push(patient.phone_number.replace(/\D/g, '').slice(-7));
  }
  return secrets;
}
