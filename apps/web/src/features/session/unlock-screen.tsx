'use client';

import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { cardClass } from '../ui/styles';
import { useSession } from './session-provider';
import type { UnlockOutcome } from './session-provider';

const ERRORS: Record<Exclude<UnlockOutcome, 'ok'>, Parameters<ReturnType<typeof useT>>[0]> = {
  wrong: 'lock.error.wrong',
  password: 'lock.error.pinBlocked',
  expired: 'signIn.error.offlineExpired',
  online: 'lock.error.onlineRequired',
};

/**
 * Replaces clinical screens while the app is locked (idle lock) or the keys are not in memory
 * (the app was reopened). The PIN only works while the keys are still in memory.
 */
export function UnlockScreen() {
  const id = useId();
  const t = useT();
  const { user, keys, hasPin, pinAllowed, unlock, endSession } = useSession();
  const [usePassword, setUsePassword] = useState(false);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<UnlockOutcome | null>(null);
  const withPin = Boolean(keys) && hasPin && pinAllowed && !usePassword;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const secret = String(new FormData(form).get('secret') ?? '');
    if (!secret) return;
    setPending(true);
    try {
      const result = await unlock(withPin ? { pin: secret } : { password: secret });
      setOutcome(result);
      if (result === 'expired') endSession();
      if (result !== 'ok') form.reset();
    } finally {
      setPending(false);
    }
  }

  const error = outcome && outcome !== 'ok' ? t(ERRORS[outcome]) : null;
  return (
    <section aria-labelledby={`${id}-title`} className={cardClass} data-testid="unlock-screen">
      <h2 id={`${id}-title`} className="mb-2 text-xl font-semibold">
        {t('lock.title')}
      </h2>
      <p className="mb-4 text-base">
        {t('lock.body', { name: user?.display_name ?? user?.username ?? '' })}
      </p>
      <form onSubmit={(e) => void onSubmit(e)} className="flex flex-col gap-4" noValidate>
        <TextField
          key={withPin ? 'pin' : 'password'}
          label={withPin ? t('lock.pin') : t('signIn.password')}
          name="secret"
          type="password"
          inputMode={withPin ? 'numeric' : undefined}
          autoComplete={withPin ? 'off' : 'current-password'}
          required
        />
        {error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-base text-red-800">
            {error}
          </p>
        ) : null}
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t('lock.unlock')}
        </Button>
        {withPin ? (
          <Button variant="quiet" onClick={() => setUsePassword(true)}>
            {t('lock.usePassword')}
          </Button>
        ) : null}
      </form>
    </section>
  );
}
