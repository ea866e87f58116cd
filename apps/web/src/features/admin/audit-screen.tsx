'use client';

import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { AuditEntry } from '@healthsync/contracts';
import { formatFieldValue } from '../conflicts/field-value';
import { fieldLabel } from '../i18n/code-labels';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { Button } from '../ui/button';
import { SelectField, TextField } from '../ui/fields';
import { Loading } from '../ui/loading';
import { cardClass } from '../ui/styles';
import { AdminScreen, ApiErrorNotice } from './admin-screen';
import { auditChanges } from './audit-diff';
import { AUDIT_ENTITY_TYPES, actionLabel, entityLabel } from './entity-label';
import { useAudit, useUsers } from './use-admin-data';
import { subjectOf, useAdminNames, userName } from './use-admin-names';
import { useTemperatureUnit } from '../vitals/use-temperature-unit';
import type { AuditFilter } from './use-admin-data';

const NO_FILTER: AuditFilter = { entity_type: '', entity_id: '', user_id: '' };

export function AuditScreen() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  return (
    <AdminScreen title={t('admin.audit')}>
      <div className="flex flex-col gap-4">
        <AuditFilterForm key={JSON.stringify(filter)} filter={filter} onApply={setFilter} />
        <AuditList filter={filter} onShowHistory={setFilter} />
      </div>
    </AdminScreen>
  );
}

function AuditFilterForm({
  filter,
  onApply,
}: {
  filter: AuditFilter;
  onApply(filter: AuditFilter): void;
}) {
  const { t } = useI18n();
  const users = useUsers();
  const [draft, setDraft] = useState(filter);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, entity_id: draft.entity_id.trim() });
  };
  return (
    <form
      onSubmit={onSubmit}
      aria-label={t('admin.audit.filter')}
      className={`${cardClass} grid gap-3 sm:grid-cols-3`}
    >
      <SelectField
        label={t('admin.audit.entityType')}
        value={draft.entity_type}
        onChange={(e) => setDraft({ ...draft, entity_type: e.target.value })}
      >
        <option value="">{t('admin.audit.any')}</option>
        {AUDIT_ENTITY_TYPES.map((type) => (
          <option key={type} value={type}>
            {entityLabel(type, t)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('admin.audit.entityId')}
        value={draft.entity_id}
        autoComplete="off"
        onChange={(e) => setDraft({ ...draft, entity_id: e.target.value })}
      />
      <SelectField
        label={t('admin.audit.user')}
        value={draft.user_id}
        onChange={(e) => setDraft({ ...draft, user_id: e.target.value })}
      >
        <option value="">{t('admin.audit.anyone')}</option>
        {(users.data ?? []).map((user) => (
          <option key={user.id} value={user.id}>
            {userName(user)}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-2 sm:col-span-3 sm:grid-cols-2">
        <Button type="submit">{t('admin.audit.apply')}</Button>
        <Button variant="secondary" onClick={() => onApply(NO_FILTER)}>
          {t('admin.audit.clear')}
        </Button>
      </div>
    </form>
  );
}

function AuditList({
  filter,
  onShowHistory,
}: {
  filter: AuditFilter;
  onShowHistory(filter: AuditFilter): void;
}) {
  const { t } = useI18n();
  const audit = useAudit(filter);
  if (audit.error && !audit.data) return <ApiErrorNotice error={audit.error} />;
  if (!audit.data) return <Loading />;
  const entries = audit.data.pages.flatMap((page) => page.data);
  return (
    <div className="flex flex-col gap-3">
      {entries.length === 0 ? (
        <p className="rounded-lg bg-white px-3 py-4 text-base">{t('admin.audit.none')}</p>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t('admin.audit.entries')}>
          {entries.map((entry) => (
            <AuditItem key={entry.id} entry={entry} onShowHistory={onShowHistory} />
          ))}
        </ol>
      )}
      {audit.error ? <ApiErrorNotice error={audit.error} /> : null}
      {audit.hasNextPage ? (
        <Button
          variant="secondary"
          onClick={() => void audit.fetchNextPage()}
          disabled={audit.isFetchingNextPage}
        >
          {audit.isFetchingNextPage ? t('common.loading') : t('admin.audit.older')}
        </Button>
      ) : entries.length > 0 ? (
        <p className="text-base text-slate-700">{t('admin.audit.end')}</p>
      ) : null}
    </div>
  );
}

function AuditItem({
  entry,
  onShowHistory,
}: {
  entry: AuditEntry;
  onShowHistory(filter: AuditFilter): void;
}) {
  const id = useId();
  const { t, locale } = useI18n();
  const [temperatureUnit] = useTemperatureUnit();
  const users = useUsers();
  const names = useAdminNames([entry.before, entry.after]);
  const changes = auditChanges(entry.before, entry.after);
  const show = (field: string, value: unknown) =>
    formatFieldValue(field, value, { t, locale, names, temperatureUnit });
  const subject = subjectOf(entry.after, names) ?? subjectOf(entry.before, names);
  const actor = (users.data ?? []).find((u) => u.id === entry.user_id);
  return (
    <li
      aria-labelledby={`${id}-title`}
      data-testid="audit-entry"
      data-entity-type={entry.entity_type}
      data-entity-id={entry.entity_id}
      className={`${cardClass} flex flex-col gap-2`}
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold break-words">
        {actionLabel(entry.action, t)} · {entityLabel(entry.entity_type, t)}
        {subject ? `: ${subject}` : ''}
      </h2>
      <p className="text-base break-words text-slate-800">
        {formatDateTime(locale, entry.at)} ·{' '}
        {actor?.display_name
          ? `${actor.display_name} (${actor.username})`
          : (entry.username ?? t('admin.audit.system'))}
      </p>
      <p className="text-sm break-all text-slate-700">
        {entry.entity_id}
        {entry.before_version !== null || entry.after_version !== null
          ? ` · v${entry.before_version ?? '—'} → v${entry.after_version ?? '—'}`
          : ''}
        {entry.client_device_id
          ? ` · ${t('admin.audit.clientDevice')}: ${entry.client_device_id}`
          : ''}
      </p>
      <details className="rounded-lg bg-slate-50">
        <summary className="flex min-h-11 cursor-pointer items-center px-2 text-base font-medium text-brand-800">
          {t('admin.audit.changes', { count: changes.length })}
        </summary>
        {changes.length === 0 ? (
          <p className="px-2 pb-2 text-base">{t('admin.audit.noChanges')}</p>
        ) : (
          <dl className="flex flex-col gap-2 px-2 pb-2">
            {changes.map((change) => (
              <div key={change.field} className="rounded-md bg-white p-2">
                <dt className="text-base font-semibold">{fieldLabel(change.field, t)}</dt>
                <dd className="grid gap-1 sm:grid-cols-2">
                  <span className="block wrap-anywhere">
                    <span className="text-sm font-semibold text-slate-700">
                      {t('admin.audit.before')}:{' '}
                    </span>
                    <del className="text-red-900">{show(change.field, change.before)}</del>
                  </span>
                  <span className="block wrap-anywhere">
                    <span className="text-sm font-semibold text-slate-700">
                      {t('admin.audit.after')}:{' '}
                    </span>
                    <ins className="text-emerald-900 no-underline">
                      {show(change.field, change.after)}
                    </ins>
                  </span>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </details>
      <Button
        variant="quiet"
        className="self-start"
        onClick={() =>
          onShowHistory({ entity_type: entry.entity_type, entity_id: entry.entity_id, user_id: '' })
        }
      >
        {t('admin.audit.history')}
      </Button>
    </li>
  );
}
