import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '../features/shell/app-header';
import { Providers } from '../features/shell/providers';
import { SyncStatusBar } from '../features/sync/sync-status-bar';
import './globals.css';

export const metadata: Metadata = {
  title: 'HealthSync',
  description: 'Offline-first clinical records for rural healthcare',
  applicationName: 'HealthSync',
  appleWebApp: { capable: true, title: 'HealthSync', statusBarStyle: 'default' },
  icons: { apple: '/icons/apple-touch-icon.png' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#065f46',
};

export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <Providers>
          <AppHeader />
          <SyncStatusBar />
          <main
            id="main"
            className="mx-auto w-full max-w-3xl flex-1 px-4 pt-4 pb-24 print:max-w-none print:p-0"
          >
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
