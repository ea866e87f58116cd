// Names for the generated Prisma client's types, so modules don't reach into generated/ paths.
export { PrismaClient, Prisma } from '../generated/prisma/client';
export type {
  Patient as PatientRow,
  HealthRecord as HealthRecordRow,
  User as UserRow,
} from '../generated/prisma/client';
import type { Prisma } from '../generated/prisma/client';

/** A client usable inside or outside a transaction. */
export type Db = Prisma.TransactionClient;
export type {
  Appointment as AppointmentRow,
  Doctor as DoctorRow,
  Pharmacy as PharmacyRow,
  Medicine as MedicineRow,
  InventoryItem as InventoryItemRow,
  SyncConflict as SyncConflictRow,
  SyncBatch as SyncBatchRow,
} from '../generated/prisma/client';
