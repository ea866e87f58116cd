import type { Doctor, Medicine, Pharmacy } from '@healthsync/contracts';
import type { DoctorRow, MedicineRow, PharmacyRow } from '../../db/prisma';
import { syncFieldsToWire } from '../../lib/wire';

export const doctorToWire = (row: DoctorRow): Doctor => ({
  ...syncFieldsToWire(row),
  name: row.name,
  specialization: row.specialization,
  phone_number: row.phoneNumber,
  facility_id: row.facilityId,
  user_id: row.userId,
});

export const pharmacyToWire = (row: PharmacyRow): Pharmacy => ({
  ...syncFieldsToWire(row),
  name: row.name,
  address: row.address,
  village: row.village,
  facility_id: row.facilityId,
});

export const medicineToWire = (row: MedicineRow): Medicine => ({
  ...syncFieldsToWire(row),
  name: row.name,
  strength: row.strength,
  form: row.form,
});
