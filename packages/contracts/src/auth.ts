import { z } from 'zod';

export const TokenRequest = z.object({
  username: z.string().trim().min(1).max(150),
  password: z.string().min(1).max(256),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

export const RefreshRequest = z.object({ refresh: z.string().min(1).max(4096) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/**
 * A token pair. Sign-in and refresh also tell the phone its device policy (optional, so the spec's
 * `{access, refresh}` stays valid): how many days an offline sign-in stays allowed after this
 * answer, and after how many idle minutes the app locks.
 */
export const TokenPair = z.object({
  access: z.string(),
  refresh: z.string(),
  offline_sign_in_days: z.number().int().positive().optional(),
  idle_lock_minutes: z.number().int().positive().optional(),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const ROLES = ['health_worker', 'doctor', 'pharmacist', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** What `GET /api/auth/me/` tells the signed-in user about themselves. */
export const CurrentUser = z.object({
  id: z.uuid(),
  username: z.string(),
  display_name: z.string().nullable(),
  role: Role,
  facility_id: z.uuid(),
  facility_name: z.string(),
  pharmacy_id: z.uuid().nullable(),
  doctor_id: z.uuid().nullable(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;
