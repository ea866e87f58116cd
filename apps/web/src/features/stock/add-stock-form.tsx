'use client';

import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Medicine } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/fields';
import { parseQuantity } from './parse-quantity';

/** Starts stocking a medicine the pharmacy did not carry yet. */
export function AddStockForm({
  pharmacyId,
  medicines,
}: {
  pharmacyId: string;
  medicines: Medicine[];
}) {
  const t = useT();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const [medicineId, setMedicineId] = useState('');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const add = useMutation({
    networkMode: 'always',
    mutationFn: async (quantity: number) => {
      if (!client) throw new Error('No local store');
      await client.inventory.create({
        pharmacy_id: pharmacyId,
        medicine_id: medicineId,
        quantity_available: quantity,
      });
    },
    onSuccess: () => {
      notifySaved();
      setMedicineId('');
      setText('');
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const quantity = parseQuantity(text);
    setInvalid(quantity === null);
    if (quantity !== null && medicineId) add.mutate(quantity);
  }

  if (medicines.length === 0) return null;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <SelectField
        label={t('stock.medicine')}
        value={medicineId}
        onChange={(e) => setMedicineId(e.target.value)}
      >
        <option value="">{t('stock.chooseMedicine')}</option>
        {medicines.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('stock.quantity')}
        type="number"
        inputMode="numeric"
        min={0}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={invalid ? t('stock.invalid') : undefined}
      />
      <Button type="submit" disabled={!medicineId || add.isPending}>
        {t('stock.add')}
      </Button>
    </form>
  );
}
