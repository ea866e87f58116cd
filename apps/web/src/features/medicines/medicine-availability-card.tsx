'use client';

import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { cardClass } from '../ui/styles';
import { SyncBadge } from '../ui/sync-badge';
import { stockStatus, type StockStatus } from '../stock/stock-status';
import type { MedicineAvailability } from './use-medicine-availability';

const STATUS_CLASS: Record<StockStatus, string> = {
  in: 'bg-emerald-100 text-emerald-950',
  low: 'bg-amber-100 text-amber-950',
  out: 'bg-red-100 text-red-950',
};

export function MedicineAvailabilityCard({ entry }: { entry: MedicineAvailability }) {
  const { t, locale } = useI18n();
  const { medicine, stock } = entry;
  const details = [medicine.strength, medicine.form].filter(Boolean).join(' · ');
  return (
    <li className={cardClass} data-testid="medicine">
      <h2 className="text-lg font-semibold">{medicine.name}</h2>
      {details ? <p className="text-sm text-slate-700">{details}</p> : null}
      {stock.length === 0 ? (
        <p className="mt-2 text-base text-slate-700">{t('medicines.noPharmacy')}</p>
      ) : (
        <ul className="mt-2 flex flex-col divide-y divide-slate-200">
          {stock.map(({ item, pharmacy }) => {
            const status = stockStatus(item);
            return (
              <li key={item.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                <span className="min-w-0">
                  <span className="block text-base font-semibold">
                    {pharmacy?.name ?? item.pharmacy_name}
                  </span>
                  {pharmacy?.village ? (
                    <span className="block text-sm text-slate-700">{pharmacy.village}</span>
                  ) : null}
                  <span className="block text-sm text-slate-700">
                    {t('medicines.asOf', { when: formatDateTime(locale, item.last_updated) })}
                  </span>
                </span>
                <span className="flex flex-col items-end gap-1">
                  <span
                    data-testid="stock-quantity"
                    data-status={status}
                    className={`rounded-full px-2 py-0.5 text-sm font-semibold ${STATUS_CLASS[status]}`}
                  >
                    {status === 'out'
                      ? t('medicines.outOfStock')
                      : t(status === 'low' ? 'medicines.lowStock' : 'medicines.inStock', {
                          count: item.quantity_available,
                        })}
                  </span>
                  <SyncBadge sync={item._sync} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
