import { APPOINTMENT_STATUSES } from '@healthsync/contracts';
import type { AppointmentStatus } from '@healthsync/contracts';

export { APPOINTMENT_STATUSES };

export const STATUS_STYLES: Record<AppointmentStatus, string> = {
  PENDING: 'bg-amber-100 text-amber-950',
  CONFIRMED: 'bg-sky-100 text-sky-950',
  COMPLETED: 'bg-emerald-100 text-emerald-950',
  CANCELLED: 'bg-slate-200 text-slate-900',
  NO_SHOW: 'bg-red-100 text-red-950',
};

/** Local midnight to the next, as zoned ISO timestamps (the store's date index compares them). */
export function todayRange(now = new Date()): { from: string; to: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** `<input type="datetime-local">` value ↔ wire timestamp (with a zone, as the contracts demand). */
export function toLocalInputValue(timestamp: string): string {
  const date = new Date(timestamp);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInputValue(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
