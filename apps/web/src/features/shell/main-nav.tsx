'use client';

import Link from 'next/link';
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import type { Role } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import type { MessageKey } from '../i18n/messages/en';
import { useSession } from '../session/session-provider';
import { useLowStockCount } from '../stock/use-low-stock-count';
import { useSyncClient } from '../sync/sync-client-provider';

interface NavItem {
  href: string;
  label: MessageKey;
  roles: readonly Role[];
}

const CLINICAL: readonly Role[] = ['health_worker', 'doctor', 'admin'];
/** Who has a work list (the signed-in home shows it; the navigation counts it). */
export const WORK_LIST_ROLES: readonly Role[] = ['health_worker', 'doctor'];
const EVERYONE: readonly Role[] = ['health_worker', 'doctor', 'pharmacist', 'admin'];

/** Screens by role (admin pages go here too). */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'nav.today', roles: WORK_LIST_ROLES },
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
  if (!user) return null;
  const items = NAV_ITEMS.filter((item) => item.roles.includes(user.role));
  return (
    <nav aria-label={t('nav.label')} className="bg-brand-800">
      {/* Entries share a row while they fit and wrap to a second on a small phone: five entries at
          360 px are all on screen, none behind a sideways scroll. */}
      <ul className="mx-auto flex max-w-3xl flex-wrap px-1">
        {items.map((item) => {
          const current =
            pathname === item.href || (item.href !== '/' && pathname.startsWith(`${item.href}/`));
          return (
            <li key={item.href} className="flex-1 basis-[6.5rem]">
              {item.href === '/' ? (
                <TodayNavLink current={current} />
              ) : item.href === '/stock' ? (
                <StockNavLink current={current} pharmacyId={user.pharmacy_id} />
              ) : (
                <NavLink href={item.href} current={current}>
                  {t(item.label)}
                </NavLink>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function NavLink({
  href,
  current,
  children,
}: {
  href: string;
  current: boolean;
  children: ReactNode;
}) {
  // No prefetch: the navigation is on screen from the first paint, and prefetching each target's
  // payload and code would compete with the page's own load (the service worker has them all).
  return (
    <Link
      href={href}
      prefetch={false}
      aria-current={current ? 'page' : undefined}
      className={`flex min-h-12 items-center justify-center border-b-4 px-2 text-center text-sm leading-tight font-semibold sm:text-base ${
        current
          ? 'border-white text-white'
          : 'border-transparent text-emerald-50 hover:border-emerald-300'
      }`}
    >
      {children}
    </Link>
  );
}

const TodayWithCount = lazy(() =>
  import('./today-with-count').then((module) => ({ default: module.TodayWithCount })),
);

/** "Today", with the work list's count once the local store is open. */
function TodayNavLink({ current }: { current: boolean }) {
  const t = useT();
  const client = useSyncClient();
  return (
    <NavLink href="/" current={current}>
      {client ? (
        <Suspense fallback={t('nav.today')}>
          <TodayWithCount />
        </Suspense>
      ) : (
        t('nav.today')
      )}
    </NavLink>
  );
}

/** "My stock" with how many of the pharmacy's medicines are below their reorder level. */
function StockNavLink({ current, pharmacyId }: { current: boolean; pharmacyId: string | null }) {
  const t = useT();
  const { data: low = 0 } = useLowStockCount(pharmacyId);
  return (
    <NavLink href="/stock" current={current}>
      {t('nav.stock')}
      {low ? (
        <span data-testid="nav-count" className="ms-1">
          <span
            aria-hidden="true"
            className="inline-block min-w-6 rounded-full bg-amber-300 px-1.5 text-sm text-amber-950"
          >
            {low}
          </span>
          <span className="sr-only"> ({t('stock.lowCount', { count: low })})</span>
        </span>
      ) : null}
    </NavLink>
  );
}
