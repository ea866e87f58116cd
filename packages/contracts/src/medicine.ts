import { z } from 'zod';
import { syncedRowFields } from './common';

export const Medicine = z.object({
  ...syncedRowFields,
  name: z.string(),
  strength: z.string().nullable(),
  form: z.string().nullable(),
});
export type Medicine = z.infer<typeof Medicine>;
