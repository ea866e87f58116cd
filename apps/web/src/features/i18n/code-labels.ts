import { en } from './messages/en';
import type { MessageKey } from './messages/en';
import type { Translate } from './translate';

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Words for a code the dictionary knows (`status.CONFIRMED` → "Confirmed"); null for others. */
export function codeLabel(t: Translate, prefix: string, code: string): string | null {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : null;
}

/** A wire field name in the reader's language (the raw name for fields without a label). */
export function fieldLabel(field: string, t: Translate): string {
  return codeLabel(t, 'field', field) ?? field;
}

/** A FHIR resource type as a health worker calls it; "Health record" for types without words. */
export function recordTypeLabel(type: string, t: Translate): string {
  return codeLabel(t, 'records.type', type) ?? t('records.type.other');
}
