'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Role } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import type { MessageKey } from '../i18n/messages/en';
import { useSession } from '../session/session-provider';
import { useLowStockCount } from '../stock/use-low-stock-count';

interface NavItem {
  href: string;
  label: MessageKey;
  roles: readonly Role[];
}

const CLINICAL: readonly Role[] = ['health_worker', 'doctor', 'admin'];
const EVERYONE: readonly Role[] = ['health_worker', 'doctor', 'pharmacist', 'admin'];

/** Screens by role (admin pages go here too). */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/patients', label: 'nav.patients', roles: CLINICAL },
  { href: '/appointments', label: 'nav.appointments', roles: CLINICAL },
  { href: '/stock', label: 'nav.stock', roles: ['pharmacist'] },
  { href: '/medicines', label: 'nav.medicines', roles: EVERYONE },
  { href: '/conflicts', label: 'nav.conflicts', roles: EVERYONE },
  { href: '/admin', label: 'nav.admin', roles: ['admin'] },
];

export function MainNav() {
  const t = useT();
  const { user } = useSession();
  const pathname = usePathname();
  const { data: lowStock = 0 } = useLowStockCount(
    user?.role === 'pharmacist' ? user.pharmacy_id : null,
  );
  if (!user) return null;
  const counts: Record<string, number> = { '/stock': lowStock };
  const items = NAV_ITEMS.filter((item) => item.roles.includes(user.role));
  return (
    <nav aria-label={t('nav.label')} className="bg-brand-800">
      <ul className="mx-auto grid max-w-3xl auto-cols-fr grid-flow-col px-1">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`flex min-h-12 items-center justify-center border-b-4 px-1 text-center text-sm leading-tight font-semibold sm:text-base ${
                  current
                    ? 'border-white text-white'
                    : 'border-transparent text-emerald-50 hover:border-emerald-300'
                }`}
              >
                {t(item.label)}
                {counts[item.href] ? (
                  <span data-testid="nav-count" className="ms-1">
                    <span
                      aria-hidden="true"
                      className="inline-block min-w-6 rounded-full bg-amber-300 px-1.5 text-sm text-amber-950"
                    >
                      {counts[item.href]}
                    </span>
                    <span className="sr-only">
                      {' '}
                      ({t('stock.lowCount', { count: counts[item.href]! })})
                    </span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
