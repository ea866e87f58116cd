import type { Translate } from '../i18n/i18n-provider';
import { en } from '../i18n/messages/en';
import type { MessageKey } from '../i18n/messages/en';

/** Entity types the audit log records (apps/api `recordAudit` callers). */
export const AUDIT_ENTITY_TYPES = [
  'Patient',
  'Appointment',
  'HealthRecord',
  'InventoryItem',
  'User',
  'Facility',
  'Pharmacy',
  'Medicine',
  'Doctor',
] as const;

/** An entity type in the reader's language (the raw name for types without a label). */
export function entityLabel(type: string, t: Translate): string {
  const key = `admin.entity.${type}`;
  return key in en ? t(key as MessageKey) : type;
}
