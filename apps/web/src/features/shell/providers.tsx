'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n-provider';
import { ServiceWorker } from '../pwa/service-worker';
import { IdleLock } from '../session/idle-lock';
import { SessionProvider } from '../session/session-provider';
import { SavedNoticeProvider } from '../sync/saved-notice';
import { SyncClientProvider } from '../sync/sync-client-provider';

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: 1, refetchOnWindowFocus: false },
          mutations: { retry: 0 },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionProvider>
          <IdleLock />
          <SyncClientProvider>
            <SavedNoticeProvider>
              {children}
              <ServiceWorker />
            </SavedNoticeProvider>
          </SyncClientProvider>
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
