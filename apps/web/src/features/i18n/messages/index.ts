import type { Locale } from '../locales';
import { en } from './en';
import type { Messages } from './en';

/**
 * English ships in the first download; Hindi and Punjabi (about 6 KB gzipped each) are fetched
 * when chosen (the service worker precaches them, so offline they load from the device).
 */
const loaded: Partial<Record<Locale, Messages>> = { en };

/** A language's dictionary if it has loaded (English always has). */
export function loadedMessages(locale: Locale): Messages | undefined {
  return loaded[locale];
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  const ready = loaded[locale];
  if (ready) return ready;
  const messages = locale === 'hi' ? (await import('./hi')).hi : (await import('./pa')).pa;
  loaded[locale] = messages;
  return messages;
}
