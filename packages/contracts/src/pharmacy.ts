import { z } from 'zod';
import { Uuid, syncedRowFields } from './common';

export const Pharmacy = z.object({
  ...syncedRowFields,
  name: z.string(),
  address: z.string().nullable(),
  village: z.string().nullable(),
  facility_id: Uuid.nullable(),
});
export type Pharmacy = z.infer<typeof Pharmacy>;
