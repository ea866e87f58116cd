import type { Translate } from '../i18n/i18n-provider';
import { en } from '../i18n/messages/en';
import type { MessageKey } from '../i18n/messages/en';

/** A wire field name in the reader's language (the raw name for fields without a label). */
export function fieldLabel(field: string, t: Translate): string {
  const key = `field.${field}`;
  return key in en ? t(key as MessageKey) : field;
}
