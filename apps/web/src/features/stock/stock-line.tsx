'use client';

import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { InventoryItem } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { Button } from '../ui/button';
import { inputClass } from '../ui/styles';
import { SyncBadge } from '../ui/sync-badge';
import { parseQuantity } from './parse-quantity';

/** One medicine's quantity at the pharmacist's own pharmacy, edited in place. */
export function StockLine({ item }: { item: LocalRecord<InventoryItem> }) {
  const id = useId();
  const { t, locale } = useI18n();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const [text, setText] = useState(String(item.quantity_available));
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    networkMode: 'always',
    mutationFn: async (quantity: number) => {
      if (!client) throw new Error('No local store');
      await client.inventory.update(item.id, { quantity_available: quantity });
    },
    onSuccess: notifySaved,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const quantity = parseQuantity(text);
    setInvalid(quantity === null);
    if (quantity !== null && quantity !== item.quantity_available) save.mutate(quantity);
  }

  return (
    <li className="py-3" data-testid="stock-line">
      <form onSubmit={submit} noValidate className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <label htmlFor={id} className="text-base font-semibold">
            {item.medicine_name}
          </label>
          <SyncBadge sync={item._sync} />
        </div>
        <p className="text-sm text-slate-700">
          {t('medicines.asOf', { when: formatDateTime(locale, item.last_updated) })}
        </p>
        <div className="flex gap-2">
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? `${id}-error` : undefined}
            className={`${inputClass} max-w-40`}
          />
          <Button type="submit" disabled={save.isPending}>
            {t('stock.save')}
          </Button>
        </div>
        {invalid ? (
          <p id={`${id}-error`} className="text-sm font-medium text-red-800">
            {t('stock.invalid')}
          </p>
        ) : null}
      </form>
    </li>
  );
}
