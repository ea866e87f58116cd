import {
  formatDate,
  type AdminListQuery,
  type Facility,
  type FacilityInput,
  type Medicine,
  type MedicineInput,
  type Pharmacy,
  type PharmacyInput,
} from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/prisma';
import { newRowId } from '../../lib/new-row-id';
import { invalidField, notFound } from '../../lib/errors';
import { lockRow } from '../../lib/transaction';
import { auditedRow, recordAudit } from '../../core/record-audit';
import { medicineToWire, pharmacyToWire } from '../directory/directory-to-wire';
import type { WriteContext } from '../../core/write-context';

/** A page of facilities by name, with one row more than `limit` if there is more. */
export async function listFacilities(db: Db, page: AdminListQuery): Promise<Facility[]> {
  const rows = await db.facility.findMany({
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    skip: page.offset,
  });
  return rows.map((f) => ({
    id: f.id,
    name: f.name,
    district: f.district,
    created_at: formatDate(f.createdAt),
  }));
}

export async function createFacility(
  tx: Db,
  ctx: WriteContext,
  input: FacilityInput,
): Promise<Facility> {
  const row = await tx.facility.create({
    data: { id: uuidv7(), name: input.name, district: input.district ?? null },
  });
  const facility = {
    id: row.id,
    name: row.name,
    district: row.district,
    created_at: formatDate(row.createdAt),
  };
  await recordAudit(tx, ctx.actor, {
    action: 'create',
    entityType: 'Facility',
    entityId: row.id,
    after: facility,
  });
  return facility;
}

async function assertFacility(db: Db, facilityId: string | null | undefined): Promise<void> {
  if (facilityId && !(await db.facility.findUnique({ where: { id: facilityId } }))) {
    throw invalidField('facility_id', 'Unknown facility.');
  }
}

export async function createPharmacy(
  tx: Db,
  ctx: WriteContext,
  input: PharmacyInput,
): Promise<Pharmacy> {
  await assertFacility(tx, input.facility_id);
  const id = await newRowId(tx, 'pharmacy', input.id);
  const row = await tx.pharmacy.create({
    data: {
      id,
      name: input.name,
      address: input.address ?? null,
      village: input.village ?? null,
      facilityId: input.facility_id ?? null,
    },
  });
  return auditedRow(tx, ctx.actor, 'create', 'Pharmacy', pharmacyToWire(row));
}

export async function updatePharmacy(
  tx: Db,
  ctx: WriteContext,
  id: string,
  input: Partial<PharmacyInput>,
): Promise<Pharmacy> {
  await lockRow(tx, 'pharmacy', id);
  const current = await tx.pharmacy.findUnique({ where: { id } });
  if (!current || current.deleted) throw notFound('Pharmacy not found.');
  await assertFacility(tx, input.facility_id);
  const row = await tx.pharmacy.update({
    where: { id },
    data: {
      name: input.name,
      address: input.address,
      village: input.village,
      facilityId: input.facility_id,
    },
  });
  return auditedRow(
    tx,
    ctx.actor,
    'update',
    'Pharmacy',
    pharmacyToWire(row),
    pharmacyToWire(current),
  );
}

export async function createMedicine(
  tx: Db,
  ctx: WriteContext,
  input: MedicineInput,
): Promise<Medicine> {
  const id = await newRowId(tx, 'medicine', input.id);
  const row = await tx.medicine.create({
    data: { id, name: input.name, strength: input.strength ?? null, form: input.form ?? null },
  });
  return auditedRow(tx, ctx.actor, 'create', 'Medicine', medicineToWire(row));
}

export async function updateMedicine(
  tx: Db,
  ctx: WriteContext,
  id: string,
  input: Partial<MedicineInput>,
): Promise<Medicine> {
  await lockRow(tx, 'medicine', id);
  const current = await tx.medicine.findUnique({ where: { id } });
  if (!current || current.deleted) throw notFound('Medicine not found.');
  const row = await tx.medicine.update({
    where: { id },
    data: { name: input.name, strength: input.strength, form: input.form },
  });
  return auditedRow(
    tx,
    ctx.actor,
    'update',
    'Medicine',
    medicineToWire(row),
    medicineToWire(current),
  );
}
