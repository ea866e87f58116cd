/** The papers a visit summary prints on: A4 sheets, or an 80 or 58 mm thermal receipt roll. */
export const PAPERS = ['a4', 'receipt80', 'receipt58'] as const;
export type Paper = (typeof PAPERS)[number];

export const isPaper = (value: unknown): value is Paper =>
  typeof value === 'string' && (PAPERS as readonly string[]).includes(value);

/**
 * The sheet's layout on each paper; globals.css gives each receipt its named @page (size and
 * margins). On screen a receipt is shown at its printed width.
 */
export const SHEET_CLASS: Record<Paper, string> = {
  a4: 'w-full text-base print:text-[11pt]',
  receipt80: 'mx-auto w-full max-w-[80mm] text-[13px] print:max-w-none print:text-[10pt]',
  receipt58: 'mx-auto w-full max-w-[58mm] text-[12px] print:max-w-none print:text-[8.5pt]',
};
