'use client';

import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { cardClass } from '../ui/styles';
import { useSession } from './session-provider';
import { PIN_PATTERN } from './unlock-guard';

/** Offered after an online sign-in: a PIN of 6+ digits for the idle lock (memory only). */
export function PinSetup() {
  const id = useId();
  const t = useT();
  const { signedInOnline, hasPin, setPin } = useSession();
  const [dismissed, setDismissed] = useState(false);
  const [invalid, setInvalid] = useState(false);
  if (!signedInOnline || hasPin || dismissed) return null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const pin = String(new FormData(event.currentTarget).get('pin') ?? '');
    setInvalid(!PIN_PATTERN.test(pin));
    if (PIN_PATTERN.test(pin)) void setPin(pin);
  }

  return (
    <section aria-labelledby={`${id}-title`} className={`${cardClass} mb-4`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t('pin.title')}
      </h2>
      <p className="mb-2 text-base">{t('pin.body')}</p>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
        <TextField
          label={t('pin.label')}
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          error={invalid ? t('pin.invalid') : undefined}
        />
        <Button type="submit">{t('pin.save')}</Button>
        <Button variant="secondary" onClick={() => setDismissed(true)}>
          {t('pin.later')}
        </Button>
      </form>
    </section>
  );
}
