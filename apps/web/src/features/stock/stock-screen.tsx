'use client';

import { useT } from '../i18n/i18n-provider';
import { useCurrentUser } from '../session/session-provider';
import { Loading } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { cardClass } from '../ui/styles';
import { AddStockForm } from './add-stock-form';
import { StockLine } from './stock-line';
import { stockStatus } from './stock-status';
import { usePharmacyStock } from './use-pharmacy-stock';

/** A pharmacist keeps their own pharmacy's stock current (others can only read it). */
export function StockScreen() {
  const t = useT();
  const user = useCurrentUser();
  if (!user.pharmacy_id) {
    return (
      <div>
        <PageTitle>{t('stock.title')}</PageTitle>
        <p className="rounded-lg bg-white px-3 py-4 text-base">{t('stock.noPharmacy')}</p>
      </div>
    );
  }
  return <PharmacyStock pharmacyId={user.pharmacy_id} />;
}

function PharmacyStock({ pharmacyId }: { pharmacyId: string }) {
  const t = useT();
  const { data, isPending } = usePharmacyStock(pharmacyId);
  if (isPending || !data) return <Loading />;
  const low = data.items.filter((item) => stockStatus(item) === 'low').length;
  return (
    <div className="flex flex-col gap-4">
      <PageTitle>{t('stock.title')}</PageTitle>
      {data.pharmacy ? (
        <p className="-mt-3 text-base text-slate-700">{data.pharmacy.name}</p>
      ) : null}
      {low > 0 ? (
        <p
          data-testid="stock-low-count"
          className="rounded-lg bg-amber-100 px-3 py-2 text-base font-semibold text-amber-950"
        >
          {t('stock.lowCount', { count: low })}
        </p>
      ) : null}
      <section aria-label={t('stock.current')} className={cardClass}>
        <h2 className="text-lg font-semibold">{t('stock.current')}</h2>
        {data.items.length === 0 ? (
          <p className="text-base text-slate-700">{t('stock.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {data.items.map((item) => (
              <StockLine key={`${item.id}:${item._sync.serverVersion}`} item={item} />
            ))}
          </ul>
        )}
      </section>
      {data.unstocked.length > 0 ? (
        <section aria-label={t('stock.addTitle')} className={cardClass}>
          <h2 className="mb-2 text-lg font-semibold">{t('stock.addTitle')}</h2>
          <AddStockForm pharmacyId={pharmacyId} medicines={data.unstocked} />
        </section>
      ) : null}
    </div>
  );
}
