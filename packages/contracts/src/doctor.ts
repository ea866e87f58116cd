import { z } from 'zod';
import { Uuid, syncedRowFields } from './common';

export const Doctor = z.object({
  ...syncedRowFields,
  name: z.string(),
  specialization: z.string().nullable(),
  phone_number: z.string().nullable(),
  facility_id: Uuid,
  user_id: Uuid.nullable(),
});
export type Doctor = z.infer<typeof Doctor>;
