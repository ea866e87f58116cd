import type { PrismaClient } from '../db/prisma';
import { hashPassword } from '../modules/auth/password';
import {
  APPOINTMENTS,
  DEMO_ACCOUNTS,
  DOCTORS,
  FACILITY_A,
  FACILITY_B,
  INVENTORY,
  MEDICINES,
  OBSERVATIONS,
  PATIENTS_A,
  PATIENTS_B,
  PHARMACIES,
  demoId,
} from './demo-data';

function atHour(dayOffset: number, hour: number): Date {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + dayOffset);
  date.setUTCHours(Math.floor(hour), Math.round((hour % 1) * 60), 0, 0);
  return date;
}

/**
 * Seeds the spec documents' example data. Idempotent: rows have fixed ids and are inserted with
 * ON CONFLICT DO NOTHING, so a restart changes nothing (and bumps no server_version).
 */
export async function seedDemo(prisma: PrismaClient): Promise<{ created: boolean }> {
  const userId = (username: string) => demoId(`user-${username}`);
  const existingAdmin = await prisma.user.findUnique({
    where: { username: 'admin' },
    select: { id: true },
  });

  await prisma.facility.createMany({ data: [FACILITY_A, FACILITY_B], skipDuplicates: true });
  await prisma.pharmacy.createMany({
    data: PHARMACIES.map((p) => ({
      id: demoId(p.key),
      name: p.name,
      village: p.village,
      address: p.address,
      facilityId: FACILITY_A.id,
    })),
    skipDuplicates: true,
  });

  const knownUsers = new Set(
    (
      await prisma.user.findMany({
        where: { username: { in: DEMO_ACCOUNTS.map((a) => a.username) } },
        select: { username: true },
      })
    ).map((u) => u.username),
  );
  const newAccounts = DEMO_ACCOUNTS.filter((a) => !knownUsers.has(a.username));
  await prisma.user.createMany({
    data: await Promise.all(
      newAccounts.map(async (a) => ({
        id: userId(a.username),
        username: a.username,
        passwordHash: await hashPassword(a.password),
        role: a.role,
        displayName: a.displayName,
        facilityId: a.facility.id,
        pharmacyId: a.role === 'pharmacist' ? demoId('pharmacy-gram-medical') : null,
      })),
    ),
    skipDuplicates: true,
  });

  await prisma.doctor.createMany({
    data: DOCTORS.map((d) => ({
      id: demoId(d.key),
      name: d.name,
      specialization: d.specialization,
      phoneNumber: d.phone,
      facilityId: FACILITY_A.id,
      userId: d.username ? userId(d.username) : null,
    })),
    skipDuplicates: true,
  });

  const patient =
    (facilityId: string, owner: string) =>
    (p: (typeof PATIENTS_A)[number] | (typeof PATIENTS_B)[number]) => ({
      id: demoId(p.key),
      name: p.name,
      dob: new Date(`${p.dob}T00:00:00Z`),
      gender: p.gender,
      phoneNumber: p.phone,
      address: p.address,
      identifiers: {},
      ownerId: userId(owner),
      facilityId,
    });
  await prisma.patient.createMany({
    data: [
      ...PATIENTS_A.map(patient(FACILITY_A.id, 'worker')),
      ...PATIENTS_B.map(patient(FACILITY_B.id, 'worker2')),
    ],
    skipDuplicates: true,
  });

  await prisma.appointment.createMany({
    data: APPOINTMENTS.map((a) => ({
      id: demoId(a.key),
      patientId: demoId(a.patient),
      doctorId: demoId(a.doctor),
      appointmentDate: atHour(a.dayOffset, a.hour),
      status: a.status,
      symptoms: a.symptoms,
      diagnosis: a.diagnosis,
      prescription: a.prescription,
      facilityId: FACILITY_A.id,
    })),
    skipDuplicates: true,
  });

  await prisma.medicine.createMany({
    data: MEDICINES.map((m) => ({
      id: demoId(m.key),
      name: m.name,
      strength: m.strength,
      form: m.form,
    })),
    skipDuplicates: true,
  });
  await prisma.inventoryItem.createMany({
    data: INVENTORY.map((i) => ({
      id: demoId(`inventory-${i.pharmacy}-${i.medicine}`),
      pharmacyId: demoId(i.pharmacy),
      medicineId: demoId(i.medicine),
      quantityAvailable: i.quantity,
    })),
    skipDuplicates: true,
  });

  await prisma.healthRecord.createMany({
    data: OBSERVATIONS.map((o) => ({
      id: demoId(o.key),
      patientId: demoId(o.patient),
      resourceType: 'Observation',
      facilityId: FACILITY_A.id,
      data: {
        resourceType: 'Observation',
        status: 'final',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'vital-signs',
              },
            ],
          },
        ],
        code: {
          coding: [{ system: 'http://loinc.org', code: o.code, display: o.display }],
          text: o.display,
        },
        subject: { reference: `Patient/${demoId(o.patient)}` },
        effectiveDateTime: atHour(-1, 9).toISOString(),
        valueQuantity: {
          value: o.value,
          unit: o.unit,
          system: 'http://unitsofmeasure.org',
          code: o.unit,
        },
      },
    })),
    skipDuplicates: true,
  });

  return { created: !existingAdmin };
}
