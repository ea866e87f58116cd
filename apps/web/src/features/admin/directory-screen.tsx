'use client';

import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Facility, Medicine, Pharmacy } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/fields';
import { Loading } from '../ui/loading';
import { cardClass } from '../ui/styles';
import { useAdminApi } from './admin-api';
import { fieldErrorsOf } from '../ui/validation-errors';
import { AdminScreen, ApiErrorNotice } from './admin-screen';
import { ADMIN_KEYS, useFacilities, useLocalDirectory } from './use-admin-data';

/** Facilities, pharmacies and medicines: the lists, and a form to add one of each. */
export function DirectoryScreen() {
  const t = useT();
  return (
    <AdminScreen title={t('admin.directory')}>
      <div className="flex flex-col gap-6">
        <Facilities />
        <Pharmacies />
        <Medicines />
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

/** A create call; `after` clears the form and refreshes its list. */
function useCreate<T>(create: () => Promise<T>, after: () => Promise<void> | void) {
  return useMutation({ mutationFn: create, onSuccess: after });
}

function Facilities() {
  const t = useT();
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const facilities = useFacilities();
  const [name, setName] = useState('');
  const [district, setDistrict] = useState('');
  const create = useCreate(
    () =>
      api.post(Facility, '/api/admin/facilities/', {
        name: name.trim(),
        district: district.trim() || null,
      }),
    async () => {
      setName('');
      setDistrict('');
      await queryClient.invalidateQueries({ queryKey: ADMIN_KEYS.facilities });
    },
  );
  const errors = fieldErrorsOf(create.error);
  return (
    <Section title={t('admin.directory.facilities')} testId="facilities">
      {facilities.error ? <ApiErrorNotice error={facilities.error} /> : null}
      {facilities.data ? (
        <NameList
          label={t('admin.directory.facilities')}
          names={facilities.data.map((f) => ({
            id: f.id,
            text: f.district ? `${f.name} · ${f.district}` : f.name,
          }))}
        />
      ) : facilities.error ? null : (
        <Loading />
      )}
      <CreateForm
        title={t('admin.directory.addFacility')}
        pending={create.isPending}
        error={create.error}
        shown={['name', 'district']}
        done={create.isSuccess}
        onSubmit={() => create.mutate()}
      >
        <TextField
          label={t('admin.directory.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
        />
        <TextField
          label={t('admin.directory.district')}
          value={district}
          onChange={(e) => setDistrict(e.target.value)}
          error={errors.district}
        />
      </CreateForm>
    </Section>
  );
}

function Pharmacies() {
  const t = useT();
  const api = useAdminApi();
  const facilities = useFacilities();
  const { pharmacies } = useLocalDirectory();
  const [values, setValues] = useState({ name: '', address: '', village: '', facility_id: '' });
  const create = useCreate(
    () =>
      api.post(Pharmacy, '/api/admin/pharmacies/', {
        name: values.name.trim(),
        address: values.address.trim() || null,
        village: values.village.trim() || null,
        facility_id: values.facility_id || null,
      }),
    () => {
      setValues({ name: '', address: '', village: '', facility_id: '' });
      // Pharmacies reach this list (and every device) through sync.
      api.refreshLocal();
    },
  );
  const errors = fieldErrorsOf(create.error);
  return (
    <Section title={t('admin.directory.pharmacies')} testId="pharmacies">
      {pharmacies.data ? (
        <NameList
          label={t('admin.directory.pharmacies')}
          names={pharmacies.data.map((p) => ({
            id: p.id,
            text: p.village ? `${p.name} · ${p.village}` : p.name,
          }))}
        />
      ) : (
        <Loading />
      )}
      <CreateForm
        title={t('admin.directory.addPharmacy')}
        pending={create.isPending}
        error={create.error}
        shown={['name', 'address', 'village', 'facility_id']}
        done={create.isSuccess}
        onSubmit={() => create.mutate()}
      >
        <TextField
          label={t('admin.directory.name')}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
          error={errors.name}
        />
        <TextField
          label={t('admin.directory.address')}
          value={values.address}
          onChange={(e) => setValues({ ...values, address: e.target.value })}
          error={errors.address}
        />
        <TextField
          label={t('admin.directory.village')}
          value={values.village}
          onChange={(e) => setValues({ ...values, village: e.target.value })}
          error={errors.village}
        />
        <SelectField
          label={t('admin.users.facility')}
          value={values.facility_id}
          onChange={(e) => setValues({ ...values, facility_id: e.target.value })}
          error={errors.facility_id}
        >
          <option value="">{t('admin.users.none')}</option>
          {(facilities.data ?? []).map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </SelectField>
      </CreateForm>
    </Section>
  );
}

function Medicines() {
  const t = useT();
  const api = useAdminApi();
  const { medicines } = useLocalDirectory();
  const [values, setValues] = useState({ name: '', strength: '', form: '' });
  const create = useCreate(
    () =>
      api.post(Medicine, '/api/admin/medicines/', {
        name: values.name.trim(),
        strength: values.strength.trim() || null,
        form: values.form.trim() || null,
      }),
    () => {
      setValues({ name: '', strength: '', form: '' });
      api.refreshLocal();
    },
  );
  const errors = fieldErrorsOf(create.error);
  return (
    <Section title={t('admin.directory.medicines')} testId="medicines">
      {medicines.data ? (
        <NameList
          label={t('admin.directory.medicines')}
          names={medicines.data.map((m) => ({
            id: m.id,
            text: [m.name, m.strength, m.form].filter(Boolean).join(' · '),
          }))}
        />
      ) : (
        <Loading />
      )}
      <CreateForm
        title={t('admin.directory.addMedicine')}
        pending={create.isPending}
        error={create.error}
        shown={['name', 'strength', 'form']}
        done={create.isSuccess}
        onSubmit={() => create.mutate()}
      >
        <TextField
          label={t('admin.directory.name')}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
          error={errors.name}
        />
        <TextField
          label={t('admin.directory.strength')}
          value={values.strength}
          onChange={(e) => setValues({ ...values, strength: e.target.value })}
          error={errors.strength}
        />
        <TextField
          label={t('admin.directory.form')}
          value={values.form}
          onChange={(e) => setValues({ ...values, form: e.target.value })}
          error={errors.form}
        />
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
