'use client';

import type { AppointmentStatus } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { STATUS_STYLES } from './appointment-status';

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const t = useT();
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-sm font-semibold ${STATUS_STYLES[status]}`}
    >
      {t(`status.${status}`)}
    </span>
  );
}
