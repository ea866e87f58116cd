'use client';

import { useT } from '../i18n/i18n-provider';
import { Loading } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { ConflictCard } from './conflict-card';
import { useImportServerConflicts, useOpenConflicts } from './use-conflicts';

export function ConflictsScreen() {
  const t = useT();
  useImportServerConflicts();
  const { data: rows, isPending } = useOpenConflicts();
  return (
    <div>
      <PageTitle>{t('conflicts.title')}</PageTitle>
      <p className="mb-4 text-base text-slate-700">{t('conflicts.explain')}</p>
      {isPending || !rows ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="rounded-lg bg-white px-3 py-4 text-base">{t('conflicts.none')}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {rows.map((row) => (
            <ConflictCard key={row.conflict.id} row={row} />
          ))}
        </ul>
      )}
    </div>
  );
}
