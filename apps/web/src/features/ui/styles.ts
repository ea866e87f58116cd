/** Shared class lists: every tap target is at least 44 px high (min-h-11/min-h-12). */
export const buttonBase =
  'inline-flex min-h-12 items-center justify-center gap-2 rounded-lg px-4 text-base font-semibold ' +
  'disabled:cursor-not-allowed disabled:opacity-60';

export const buttonVariants = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800',
  secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100',
  danger: 'bg-red-700 text-white hover:bg-red-800',
  quiet: 'text-brand-800 underline underline-offset-4 hover:bg-brand-50',
} as const;

export type ButtonVariant = keyof typeof buttonVariants;

export const inputClass =
  'min-h-12 w-full rounded-lg border border-slate-500 bg-white px-3 text-base text-slate-900 ' +
  'placeholder:text-slate-600 focus:border-brand-600 aria-[invalid=true]:border-red-700';

export const cardClass = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm';
