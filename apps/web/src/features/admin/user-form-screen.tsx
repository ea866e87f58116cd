'use client';

import { useState } from 'react';
import type { FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ADMIN_ENDPOINTS, ROLES } from '@healthsync/contracts';
import type { AdminUser, CreateUserInput, Role, UpdateUserInput } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { NameOptions, SelectField, TextField } from '../ui/fields';
import { LinkButton } from '../ui/link-button';
import { Loading, NotFound } from '../ui/loading';
import { cardClass } from '../ui/styles';
import { useQueryParam } from '../ui/use-query-param';
import { useAdminApi } from './admin-api';
import { fieldErrorsOf } from '../ui/validation-errors';
import { AdminScreen, ApiErrorNotice } from './admin-screen';
import { ADMIN_KEYS, useFacilities, useLocalDirectory, useUsers } from './use-admin-data';

interface FormValues {
  username: string;
  display_name: string;
  password: string;
  role: Role;
  facility_id: string;
  pharmacy_id: string;
  doctor_id: string;
  active: 'yes' | 'no';
}

function valuesOf(user: AdminUser | null): FormValues {
  return {
    username: user?.username ?? '',
    display_name: user?.display_name ?? '',
    password: '',
    role: user?.role ?? 'health_worker',
    facility_id: user?.facility_id ?? '',
    pharmacy_id: user?.pharmacy_id ?? '',
    doctor_id: user?.doctor_id ?? '',
    active: user && !user.active ? 'no' : 'yes',
  };
}

export function NewUserScreen() {
  const t = useT();
  return (
    <AdminScreen title={t('admin.users.new')}>
      <UserForm user={null} />
    </AdminScreen>
  );
}

export function EditUserScreen() {
  const t = useT();
  return (
    <AdminScreen title={t('admin.users.editTitle')}>
      <EditUser />
    </AdminScreen>
  );
}

function EditUser() {
  const id = useQueryParam('id');
  const users = useUsers();
  if (users.error) return <ApiErrorNotice error={users.error} />;
  if (!users.data) return <Loading />;
  const user = users.data.find((u) => u.id === id);
  if (!user) return <NotFound />;
  return <UserForm key={user.id} user={user} />;
}

/** Creates an account, or changes one (sending only the fields the admin changed). */
function UserForm({ user }: { user: AdminUser | null }) {
  const t = useT();
  const api = useAdminApi();
  const router = useRouter();
  const queryClient = useQueryClient();
  const facilities = useFacilities();
  const { pharmacies, doctors } = useLocalDirectory();
  const [initial] = useState(() => valuesOf(user));
  const [values, setValues] = useState<FormValues>(initial);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const orNull = (value: string) => (value ? value : null);
      if (!user) {
        const body: CreateUserInput = {
          username: values.username.trim(),
          password: values.password,
          role: values.role,
          display_name: values.display_name.trim() || null,
          facility_id: values.facility_id,
          pharmacy_id: orNull(values.pharmacy_id),
          doctor_id: orNull(values.doctor_id),
        };
        return api.call(ADMIN_ENDPOINTS.createUser, { body });
      }
      const body: UpdateUserInput = {};
      if (values.display_name !== initial.display_name)
        body.display_name = values.display_name.trim() || null;
      if (values.role !== initial.role) body.role = values.role;
      if (values.facility_id !== initial.facility_id) body.facility_id = values.facility_id;
      if (values.pharmacy_id !== initial.pharmacy_id) body.pharmacy_id = orNull(values.pharmacy_id);
      if (values.doctor_id !== initial.doctor_id) body.doctor_id = orNull(values.doctor_id);
      if (values.active !== initial.active) body.active = values.active === 'yes';
      if (values.password) body.password = values.password;
      return api.call(ADMIN_ENDPOINTS.updateUser, { params: { id: user.id }, body });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ADMIN_KEYS.users });
      // A doctor link changes a Doctor row: pull it so the pickers show it.
      api.refreshLocal();
      router.push(`/admin/users?saved=${encodeURIComponent(saved.username)}`);
    },
  });
  const errors = fieldErrorsOf(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  if (!facilities.data) {
    return facilities.error ? <ApiErrorNotice error={facilities.error} /> : <Loading />;
  }
  const facilityDoctors = (doctors.data ?? []).filter((d) => d.facility_id === values.facility_id);

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={user ? t('admin.users.editTitle') : t('admin.users.new')}
      className={`${cardClass} flex flex-col gap-4`}
    >
      {user ? (
        <p className="text-base">
          {t('admin.users.username')}: <strong className="break-words">{user.username}</strong>
        </p>
      ) : (
        <TextField
          label={t('admin.users.username')}
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          required
          value={values.username}
          onChange={(e) => set('username', e.target.value)}
          error={errors.username}
        />
      )}
      <TextField
        label={t('admin.users.displayName')}
        name="display_name"
        autoComplete="off"
        value={values.display_name}
        onChange={(e) => set('display_name', e.target.value)}
        error={errors.display_name}
      />
      <TextField
        label={user ? t('admin.users.newPassword') : t('admin.users.password')}
        hint={user ? t('admin.users.newPasswordHint') : t('admin.users.passwordHint')}
        name="password"
        type="password"
        autoComplete="new-password"
        required={!user}
        value={values.password}
        onChange={(e) => set('password', e.target.value)}
        error={errors.password}
      />
      <SelectField
        label={t('admin.users.role')}
        name="role"
        value={values.role}
        onChange={(e) => set('role', e.target.value as Role)}
        error={errors.role}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('admin.users.facility')}
        name="facility_id"
        required
        value={values.facility_id}
        onChange={(e) => {
          set('facility_id', e.target.value);
          set('doctor_id', '');
        }}
        error={errors.facility_id}
      >
        <NameOptions empty={t('admin.users.chooseFacility')} rows={facilities.data} />
      </SelectField>
      <SelectField
        label={t('admin.users.pharmacy')}
        hint={t('admin.users.pharmacyHint')}
        name="pharmacy_id"
        value={values.pharmacy_id}
        onChange={(e) => set('pharmacy_id', e.target.value)}
        error={errors.pharmacy_id}
      >
        <NameOptions empty={t('admin.users.none')} rows={pharmacies.data ?? []} />
      </SelectField>
      <SelectField
        label={t('admin.users.doctor')}
        hint={t('admin.users.doctorHint')}
        name="doctor_id"
        value={values.doctor_id}
        onChange={(e) => set('doctor_id', e.target.value)}
        error={errors.doctor_id}
      >
        <NameOptions empty={t('admin.users.none')} rows={facilityDoctors} />
      </SelectField>
      {user ? (
        <SelectField
          label={t('admin.users.account')}
          name="active"
          value={values.active}
          onChange={(e) => set('active', e.target.value === 'no' ? 'no' : 'yes')}
          error={errors.active}
        >
          <option value="yes">{t('admin.users.active')}</option>
          <option value="no">{t('admin.users.inactive')}</option>
        </SelectField>
      ) : null}
      <ApiErrorNotice
        error={save.error}
        shown={[
          ...(user ? [] : ['username']),
          'display_name',
          'password',
          'role',
          'facility_id',
          'pharmacy_id',
          'doctor_id',
          ...(user ? ['active'] : []),
        ]}
      />
      <div className="grid gap-2 sm:grid-cols-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending
            ? t('admin.saving')
            : user
              ? t('admin.users.save')
              : t('admin.users.create')}
        </Button>
        <LinkButton href="/admin/users">{t('common.cancel')}</LinkButton>
      </div>
    </form>
  );
}
