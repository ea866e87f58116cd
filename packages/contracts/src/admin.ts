import { z } from 'zod';
import { Role } from './auth';
import { JsonObject, OptionalText, Uuid, WireTimestamp } from './common';
import { offsetPage, pageLimit, PAGE_SIZES } from './pagination';

export const Facility = z.object({
  id: Uuid,
  name: z.string(),
  district: z.string().nullable(),
  created_at: WireTimestamp,
});
export type Facility = z.infer<typeof Facility>;

export const FacilityInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  district: OptionalText(200),
});
export type FacilityInput = z.infer<typeof FacilityInput>;

/** A user as admins see it (never the password hash). */
export const AdminUser = z.object({
  id: Uuid,
  username: z.string(),
  display_name: z.string().nullable(),
  role: Role,
  facility_id: Uuid,
  pharmacy_id: Uuid.nullable(),
  doctor_id: Uuid.nullable(),
  active: z.boolean(),
  created_at: WireTimestamp,
});
export type AdminUser = z.infer<typeof AdminUser>;

/** The password policy for accounts, wherever a password is set (admin screen, `pnpm user:create`). */
export const Password = z.string().min(10, 'Use at least 10 characters.').max(256);

export const CreateUserInput = z.strictObject({
  username: z
    .string()
    .trim()
    .min(2)
    .max(150)
    .regex(/^[\w.@+-]+$/, 'Letters, digits and . @ + - _ only.'),
  password: Password,
  role: Role,
  display_name: OptionalText(200),
  facility_id: Uuid,
  pharmacy_id: Uuid.nullable().optional(),
  doctor_id: Uuid.nullable().optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .strictObject({
    password: Password,
    role: Role,
    display_name: OptionalText(200),
    facility_id: Uuid,
    pharmacy_id: Uuid.nullable(),
    doctor_id: Uuid.nullable(),
    active: z.boolean(),
  })
  .partial();
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** One device's sync health, from its uploads and downloads. */
export const DeviceHealth = z.object({
  device_id: z.string(),
  user_id: Uuid,
  username: z.string(),
  facility_id: Uuid,
  first_seen_at: WireTimestamp,
  last_seen_at: WireTimestamp,
  last_push_at: WireTimestamp.nullable(),
  last_pull_at: WireTimestamp.nullable(),
  last_cursor: z.string().nullable(),
  batches: z.int(),
  changes_pushed: z.int(),
  changes_rejected: z.int(),
  open_conflicts: z.int(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

/** What the client sent in X-Device-Id / X-Request-Id: recorded as given, never verified. */
const ClientSupplied = (header: string) =>
  z
    .string()
    .nullable()
    .meta({
      description: `Client-supplied (${header}), not verified: any signed-in caller can send any value.`,
    });

export const AuditEntry = z.object({
  id: z.string(),
  at: WireTimestamp,
  /** Established by the server: the signed-in account that made the change. */
  user_id: Uuid.nullable(),
  username: z.string().nullable(),
  client_device_id: ClientSupplied('X-Device-Id'),
  client_request_id: ClientSupplied('X-Request-Id'),
  /** Earlier names of client_device_id / client_request_id, kept for existing readers. */
  device_id: ClientSupplied('X-Device-Id').meta({ deprecated: true }),
  request_id: ClientSupplied('X-Request-Id').meta({ deprecated: true }),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string(),
  before_version: z.int().nullable(),
  after_version: z.int().nullable(),
  before: JsonObject.nullable(),
  after: JsonObject.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  entity_type: z.string().max(64).optional(),
  entity_id: z.string().max(64).optional(),
  user_id: Uuid.optional(),
  /** Entries older than this id (the `id` of the last entry of the previous page). */
  before_id: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: pageLimit(PAGE_SIZES.audit),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** GET /api/admin/{users,facilities,devices}/: pages continued by offset (see the Link header). */
export const AdminListQuery = z.object(offsetPage(PAGE_SIZES.adminList));
export type AdminListQuery = z.infer<typeof AdminListQuery>;

export const PharmacyInput = z.strictObject({
  id: Uuid.optional(),
  name: z.string().trim().min(1).max(200),
  address: OptionalText(500),
  village: OptionalText(200),
  facility_id: Uuid.nullable().optional(),
});
export type PharmacyInput = z.infer<typeof PharmacyInput>;

export const MedicineInput = z.strictObject({
  id: Uuid.optional(),
  name: z.string().trim().min(1).max(200),
  strength: OptionalText(64),
  form: OptionalText(64),
});
export type MedicineInput = z.infer<typeof MedicineInput>;
