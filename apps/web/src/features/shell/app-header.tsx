'use client';

import Link from 'next/link';
import { useT } from '../i18n/i18n-provider';
import { LanguageSwitch } from '../i18n/language-switch';
import { MainNav } from './main-nav';

export function AppHeader() {
  const t = useT();
  return (
    <>
      <a
        href="#main"
        className="sr-only print:hidden focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-40 focus:rounded focus:bg-white focus:px-4 focus:py-3"
      >
        {t('shell.skip')}
      </a>
      <header className="bg-brand-700 text-white shadow print:hidden">
        <div className="mx-auto flex min-h-14 max-w-3xl items-center gap-3 px-4">
          <Link href="/" prefetch={false} className="flex min-h-11 items-center gap-3 rounded">
            <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8 shrink-0">
              <rect width="32" height="32" rx="7" fill="#ffffff" />
              <path d="M13 6h6v7h7v6h-7v7h-6v-7H6v-6h7z" fill="#065f46" />
            </svg>
            <span className="text-xl font-bold tracking-tight">HealthSync</span>
          </Link>
          <div className="ms-auto">
            <LanguageSwitch />
          </div>
        </div>
        <MainNav />
      </header>
    </>
  );
}
