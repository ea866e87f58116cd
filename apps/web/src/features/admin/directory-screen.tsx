'use client';

import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useT } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { NameOptions, SelectField, TextField } from '../ui/fields';
import { Loading } from '../ui/loading';
import { cardClass } from '../ui/styles';
import { fieldErrorsOf } from '../ui/validation-errors';
import { useAdminApi } from './admin-api';
import { AdminScreen, ApiErrorNotice } from './admin-screen';
import { createBody, DIRECTORY_KINDS } from './directory-kinds';
import type { DirectoryKind } from './directory-kinds';
import { useFacilities } from './use-admin-data';

/** Facilities, pharmacies and medicines: the lists, and a form to add one of each. */
export function DirectoryScreen() {
  const t = useT();
  return (
    <AdminScreen title={t('admin.directory')}>
      <div className="flex flex-col gap-6">
        {DIRECTORY_KINDS.map((kind) => (
          <DirectorySection key={kind.testId} kind={kind} />
        ))}
      </div>
    </AdminScreen>
  );
}

function Section({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} data-testid={testId} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function NameList({ label, names }: { label: string; names: { id: string; text: string }[] }) {
  const t = useT();
  if (names.length === 0) return <p className="text-base">{t('admin.directory.empty')}</p>;
  return (
    <ul aria-label={label} className={`${cardClass} flex flex-col divide-y divide-slate-200 py-1`}>
      {names.map((n) => (
        <li key={n.id} className="py-2 text-base break-words">
          {n.text}
        </li>
      ))}
    </ul>
  );
}

/** One kind's list and its "add" form, as `kind` describes them. */
function DirectorySection({ kind }: { kind: DirectoryKind }) {
  const t = useT();
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const rows = kind.useRows();
  const facilities = useFacilities();
  const empty = () => Object.fromEntries(kind.fields.map((f) => [f.name, '']));
  const [values, setValues] = useState<Record<string, string>>(empty);
  const create = useMutation({
    mutationFn: () => api.call(kind.create, { body: createBody(kind.fields, values) }),
    onSuccess: async () => {
      setValues(empty());
      await kind.refresh(api, queryClient);
    },
  });
  const errors = fieldErrorsOf(create.error);
  const title = t(kind.title);
  return (
    <Section title={title} testId={kind.testId}>
      {rows.error ? <ApiErrorNotice error={rows.error} /> : null}
      {rows.data ? <NameList label={title} names={rows.data} /> : rows.error ? null : <Loading />}
      <CreateForm
        title={t(kind.addTitle)}
        pending={create.isPending}
        error={create.error}
        shown={kind.fields.map((f) => f.name)}
        done={create.isSuccess}
        onSubmit={() => create.mutate()}
      >
        {kind.fields.map((field) => {
          const common = {
            label: t(field.label),
            value: values[field.name] ?? '',
            error: errors[field.name],
          };
          const set = (value: string) => setValues({ ...values, [field.name]: value });
          return field.kind === 'facility' ? (
            <SelectField key={field.name} {...common} onChange={(e) => set(e.target.value)}>
              <NameOptions empty={t('admin.users.none')} rows={facilities.data ?? []} />
            </SelectField>
          ) : (
            <TextField key={field.name} {...common} onChange={(e) => set(e.target.value)} />
          );
        })}
      </CreateForm>
    </Section>
  );
}

function CreateForm({
  title,
  pending,
  error,
  shown,
  done,
  onSubmit,
  children,
}: {
  title: string;
  pending: boolean;
  error: unknown;
  shown: readonly string[];
  done: boolean;
  onSubmit(): void;
  children: ReactNode;
}) {
  const t = useT();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={id}
      className={`${cardClass} flex flex-col gap-3`}
    >
      <h3 id={id} className="text-lg font-semibold">
        {title}
      </h3>
      {children}
      <ApiErrorNotice error={error} shown={shown} />
      {done ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-base text-emerald-900">
          {t('admin.directory.added')}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t('admin.saving') : t('admin.directory.add')}
      </Button>
    </form>
  );
}
