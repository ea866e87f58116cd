'use client';

import Link from 'next/link';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Patient } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { useI18n } from '../i18n/i18n-provider';
import { formatDay } from '../i18n/format';
import { SyncBadge } from '../ui/sync-badge';

const ROW_HEIGHT = 72;

/**
 * Only the rows on screen (plus a few) are in the DOM, so 20,000 patients scroll as smoothly as 20.
 * Rows have a fixed height; the list scrolls with the page.
 */
export function PatientList({ patients }: { patients: LocalRecord<Patient>[] }) {
  const { t, locale } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    setOffset(listRef.current ? listRef.current.getBoundingClientRect().top + window.scrollY : 0);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: patients.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: offset,
    getItemKey: (index) => patients[index]?.id ?? index,
  });

  return (
    <ul
      ref={listRef}
      aria-label={t('patients.listLabel')}
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const patient = patients[item.index];
        if (!patient) return null;
        const facts = [
          patient.gender ? t(`patient.gender.${patient.gender}` as 'patient.gender.Female') : null,
          patient.dob ? formatDay(locale, patient.dob) : null,
          patient.phone_number,
        ].filter(Boolean);
        return (
          <li
            key={item.key}
            aria-setsize={patients.length}
            aria-posinset={item.index + 1}
            className="absolute inset-x-0 top-0"
            style={{
              height: ROW_HEIGHT,
              transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
            }}
          >
            <Link
              href={`/patients/view?id=${patient.id}`}
              className="flex h-[68px] items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-3 hover:bg-brand-50"
            >
              <span className="min-w-0">
                <span className="block truncate text-base font-semibold text-slate-900">
                  {patient.name}
                </span>
                <span className="block truncate text-sm text-slate-700">{facts.join(' · ')}</span>
              </span>
              <SyncBadge sync={patient._sync} />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
