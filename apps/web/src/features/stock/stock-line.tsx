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
import { stockStatus } from './stock-status';

/** A reorder level as typed: empty is none (null); otherwise a count, or undefined if invalid. */
const parseLevel = (text: string) =>
  text.trim() === '' ? null : (parseQuantity(text) ?? undefined);

/**
 * One medicine's quantity and reorder level at the pharmacist's own pharmacy, edited in place, and
 * flagged while the quantity is below the level.
 */
export function StockLine({ item }: { item: LocalRecord<InventoryItem> }) {
  const id = useId();
  const { t, locale } = useI18n();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const [text, setText] = useState(String(item.quantity_available));
  const [levelText, setLevelText] = useState(
    item.reorder_level == null ? '' : String(item.reorder_level),
  );
  const [invalid, setInvalid] = useState(false);
  const [levelInvalid, setLevelInvalid] = useState(false);
  const save = useMutation({
    networkMode: 'always',
    mutationFn: async (changes: { quantity_available: number; reorder_level: number | null }) => {
      if (!client) throw new Error('No local store');
      await client.inventory.update(item.id, changes);
    },
    onSuccess: notifySaved,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const quantity = parseQuantity(text);
    const level = parseLevel(levelText);
    setInvalid(quantity === null);
    setLevelInvalid(level === undefined);
    if (quantity === null || level === undefined) return;
    if (quantity !== item.quantity_available || level !== (item.reorder_level ?? null))
      save.mutate({ quantity_available: quantity, reorder_level: level });
  }
  const low = stockStatus(item) === 'low';

  return (
    <li className="py-3" data-testid="stock-line" data-low={low ? 'true' : undefined}>
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
        {low ? (
          <p
            data-testid="stock-alert"
            className="rounded-md bg-amber-100 px-2 py-1 text-sm font-semibold text-amber-950"
          >
            {t('stock.belowReorder', { level: item.reorder_level ?? 0 })}
          </p>
        ) : null}
        <div className="flex flex-wrap items-end gap-2">
          <CountInput id={id} value={text} onChange={setText} invalid={invalid} />
          <span className="flex flex-col gap-1">
            <label htmlFor={`${id}-level`} className="text-sm">
              {t('stock.reorderLevel')}
            </label>
            <CountInput
              id={`${id}-level`}
              value={levelText}
              onChange={setLevelText}
              invalid={levelInvalid}
            />
          </span>
          <Button type="submit" disabled={save.isPending}>
            {t('stock.save')}
          </Button>
        </div>
        {invalid ? (
          <p id={`${id}-error`} className="text-sm font-medium text-red-800">
            {t('stock.invalid')}
          </p>
        ) : null}
        {levelInvalid ? (
          <p id={`${id}-level-error`} className="text-sm font-medium text-red-800">
            {t('stock.reorderInvalid')}
          </p>
        ) : null}
      </form>
    </li>
  );
}

/** A whole-number field; when invalid it points at its error, `<id>-error`. */
function CountInput(props: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  invalid: boolean;
}) {
  const { id, value, onChange, invalid } = props;
  return (
    <input
      id={id}
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={invalid ? `${id}-error` : undefined}
      className={`${inputClass} max-w-40`}
    />
  );
}
