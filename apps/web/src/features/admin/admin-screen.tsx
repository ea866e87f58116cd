'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { HealthSyncError } from '@healthsync/contracts';
import { fieldLabel } from '../i18n/code-labels';
import { useT } from '../i18n/i18n-provider';
import type { MessageKey } from '../i18n/messages/en';
import { useCurrentUser } from '../session/session-provider';
import { PageTitle } from '../ui/page-title';
import { useOnline } from './use-online';

const SECTIONS: readonly { href: string; label: MessageKey }[] = [
  { href: '/admin/users', label: 'admin.users' },
  { href: '/admin/devices', label: 'admin.devices' },
  { href: '/admin/conflicts', label: 'admin.conflicts' },
  { href: '/admin/audit', label: 'admin.audit' },
  { href: '/admin/directory', label: 'admin.directory' },
];

/** The administration sections, as a row of links on every admin screen. */
export function AdminNav() {
  const t = useT();
  const pathname = usePathname();
  return (
    <nav aria-label={t('admin.navLabel')} className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {SECTIONS.map((section) => {
          const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-full border px-3 text-base font-medium ${
                  current
                    ? 'border-brand-700 bg-brand-700 text-white'
                    : 'border-slate-400 bg-white text-slate-900 hover:bg-slate-100'
                }`}
              >
                {t(section.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * An administration screen: administrators only, and online only (it talks to the API directly;
 * nothing here is kept on the device). Offline it says so instead of failing.
 */
export function AdminScreen({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  const user = useCurrentUser();
  const online = useOnline();
  if (user.role !== 'admin') {
    return (
      <p role="alert" className="rounded-lg bg-amber-50 px-3 py-3 text-base text-amber-900">
        {t('admin.adminsOnly')}
      </p>
    );
  }
  return (
    <div>
      <PageTitle actions={online ? actions : undefined}>{title}</PageTitle>
      <AdminNav />
      {online ? (
        children
      ) : (
        <p
          role="status"
          data-testid="admin-offline"
          className="rounded-lg bg-amber-50 px-3 py-3 text-base text-amber-900"
        >
          {t('admin.needsConnection')}
        </p>
      )}
    </div>
  );
}

/** A failed admin call in words; field errors are shown next to their fields instead. */
export function ApiErrorNotice({
  error,
  shown = [],
}: {
  error: unknown;
  /** Fields the form shows errors next to; the others are listed here. */
  shown?: readonly string[];
}) {
  const t = useT();
  if (!error) return null;
  const known = error instanceof HealthSyncError ? error : null;
  const fields = known?.fieldErrors ?? {};
  const others = Object.entries(fields).filter(([f]) => !shown.includes(f));
  let message: string;
  if (known?.unreachable) message = t('admin.error.network');
  else if (known?.kind === 'auth') message = t('admin.error.signIn');
  else if (known?.kind === 'forbidden') message = t('admin.error.forbidden');
  else if (Object.keys(fields).length > 0) message = t('admin.error.fields');
  else {
    const detail = known ? String(known.body.detail) : String(error);
    message = t('admin.error.other', { detail: detail.slice(0, 200) });
  }
  return (
    <p role="alert" className="rounded-lg bg-red-50 px-3 py-3 text-base text-red-900">
      {message}
      {others.map(([field, text]) => (
        <span key={field} className="block">
          {fieldLabel(field, t)}: {text}
        </span>
      ))}
    </p>
  );
}
