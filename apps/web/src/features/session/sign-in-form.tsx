'use client';

import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { HealthSyncError } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { cardClass } from '../ui/styles';
import { requestPersistentStorage } from '../pwa/persistent-storage';
import { authFailureMessage } from './auth-failure-message';
import { useSession } from './session-provider';

export function SignInForm() {
  const id = useId();
  const t = useT();
  const { signIn } = useSession();
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: (input: { username: string; password: string; previous?: string }) =>
      signIn(input.username, input.password, input.previous),
    // Offline sign-in is part of the design: do not wait for a connection.
    networkMode: 'always',
    onSuccess: () => void requestPersistentStorage(),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const previous = String(data.get('previous') ?? '');
    setMissing(!username || !password);
    if (username && password)
      mutation.mutate({ username, password, ...(previous ? { previous } : {}) });
  }

  // The password changed on the server: this device's data opens with the one used before.
  const needPrevious =
    mutation.error instanceof HealthSyncError && mutation.error.code === 'DEVICE_PASSWORD_NEEDED';

  const error = missing
    ? t('signIn.error.missing')
    : mutation.isError
      ? authFailureMessage(mutation.error, t)
      : null;

  return (
    <section aria-labelledby={`${id}-title`} className={cardClass}>
      <h2 id={`${id}-title`} className="mb-4 text-xl font-semibold">
        {t('signIn.title')}
      </h2>
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-4"
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <TextField
          label={t('signIn.username')}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          label={t('signIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {needPrevious ? (
          <TextField
            label={t('signIn.previousPassword')}
            name="previous"
            type="password"
            autoComplete="off"
          />
        ) : null}
        {error ? (
          <p
            id={`${id}-error`}
            role="alert"
            className="rounded-lg bg-red-50 px-3 py-2 text-base text-red-800"
          >
            {error}
          </p>
        ) : null}
        <Button type="submit" disabled={mutation.isPending} aria-busy={mutation.isPending}>
          {mutation.isPending ? t('signIn.pending') : t('signIn.submit')}
        </Button>
        <p className="text-sm text-slate-700">{t('signIn.offlineHint')}</p>
      </form>
    </section>
  );
}
