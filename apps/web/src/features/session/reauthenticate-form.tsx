'use client';

import { useId } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useT } from '../i18n/i18n-provider';
import { useSyncClient } from '../sync/sync-client-provider';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { authFailureMessage } from './auth-failure-message';
import { useSession } from './session-provider';

/**
 * The same user signs in again (expired session, or an offline sign-in) and the sync resumes.
 * The local database and its outbox are untouched: nothing unsynced is lost.
 */
export function ReauthenticateForm({ onDone }: { onDone: () => void }) {
  const id = useId();
  const t = useT();
  const { user, reauthenticate } = useSession();
  const client = useSyncClient();
  const mutation = useMutation({
    mutationFn: (password: string) => reauthenticate(password),
    onSuccess: () => {
      void client?.syncNow();
      onDone();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    if (password) mutation.mutate(password);
  }

  return (
    <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-2" aria-labelledby={`${id}-who`}>
      <p id={`${id}-who`} className="text-base">
        {t('reauth.as', { name: user?.display_name ?? user?.username ?? '' })}
      </p>
      <TextField
        label={t('signIn.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      {mutation.isError ? (
        <p className="text-base text-red-800">{authFailureMessage(mutation.error, t)}</p>
      ) : null}
      <Button type="submit" disabled={mutation.isPending}>
        {t('signIn.submit')}
      </Button>
    </form>
  );
}
