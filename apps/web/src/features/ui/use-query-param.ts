'use client';

import { useSearchParams } from 'next/navigation';

/** A query parameter of the current URL (static export: ids travel as `?id=…`). */
export function useQueryParam(name: string): string | null {
  return useSearchParams().get(name);
}
