import { codeLabel } from '../i18n/code-labels';
import type { Translate } from '../i18n/translate';

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
  return codeLabel(t, 'admin.entity', type) ?? type;
}

/** An audit action ("create") in the reader's language. */
export function actionLabel(action: string, t: Translate): string {
  return codeLabel(t, 'admin.action', action) ?? action;
}
