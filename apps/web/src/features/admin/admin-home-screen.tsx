'use client';

import Link from 'next/link';
import { useT } from '../i18n/i18n-provider';
import type { MessageKey } from '../i18n/messages/en';
import { cardClass } from '../ui/styles';
import { AdminScreen } from './admin-screen';

const SECTIONS: readonly { href: string; title: MessageKey; text: MessageKey }[] = [
  { href: '/admin/users', title: 'admin.users', text: 'admin.home.users' },
  { href: '/admin/devices', title: 'admin.devices', text: 'admin.home.devices' },
  { href: '/admin/conflicts', title: 'admin.conflicts', text: 'admin.home.conflicts' },
  { href: '/admin/audit', title: 'admin.audit', text: 'admin.home.audit' },
  { href: '/admin/directory', title: 'admin.directory', text: 'admin.home.directory' },
];

export function AdminHomeScreen() {
  const t = useT();
  return (
    <AdminScreen title={t('admin.title')}>
      <ul className="grid gap-3 sm:grid-cols-2">
        {SECTIONS.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className={`${cardClass} flex min-h-12 flex-col gap-1 hover:border-brand-600`}
            >
              <span className="text-lg font-semibold text-brand-800">{t(section.title)}</span>
              <span className="text-base text-slate-700">{t(section.text)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </AdminScreen>
  );
}
