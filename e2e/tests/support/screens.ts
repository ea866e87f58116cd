import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectSavedOnDevice, visit } from './app';

/** Registers a patient through the form; returns its id (from the patient page's URL). */
export async function registerPatient(
  page: Page,
  fields: { name: string; phone?: string; dob?: string; gender?: 'Female' | 'Male' | 'Other' },
): Promise<string> {
  await visit(page, '/patients/new');
  await page.getByLabel('Full name').fill(fields.name);
  if (fields.dob) await page.getByLabel('Date of birth').fill(fields.dob);
  if (fields.gender) await page.getByLabel('Gender').selectOption(fields.gender);
  if (fields.phone) await page.getByLabel('Phone number').fill(fields.phone);
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page).toHaveURL(/\/patients\/view\?id=/);
  await expect(page.getByRole('heading', { level: 1, name: fields.name })).toBeVisible();
  await expectSavedOnDevice(page);
  const id = new URL(page.url()).searchParams.get('id');
  expect(id).toBeTruthy();
  return id ?? '';
}

export async function recordVitals(
  page: Page,
  patientId: string,
  vitals: {
    systolic?: number;
    diastolic?: number;
    temperature?: number;
    pulse?: number;
    spo2?: number;
    weight?: number;
  },
): Promise<void> {
  await visit(page, `/patients/view?id=${patientId}`);
  await page.getByRole('link', { name: 'Record vitals' }).click();
  const labels: Record<keyof typeof vitals, RegExp> = {
    systolic: /^Systolic/,
    diastolic: /^Diastolic/,
    temperature: /^Temperature/,
    pulse: /^Pulse/,
    spo2: /^SpO₂/,
    weight: /^Weight/,
  };
  for (const [field, value] of Object.entries(vitals) as [keyof typeof vitals, number][]) {
    await page.getByLabel(labels[field]).fill(String(value));
  }
  await page.getByRole('button', { name: 'Save vitals' }).click();
  await expect(page).toHaveURL(/\/patients\/view\?id=/);
  await expectSavedOnDevice(page);
}

export async function updateVisit(
  page: Page,
  appointmentId: string,
  changes: {
    status?: string;
    symptoms?: string;
    diagnosis?: string;
    prescription?: string;
    followUp?: string;
  },
): Promise<void> {
  await visit(page, `/appointments/view?id=${appointmentId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Visit' })).toBeVisible();
  if (changes.status) await page.getByLabel('Status', { exact: true }).selectOption(changes.status);
  if (changes.symptoms !== undefined)
    await page.getByLabel('Symptoms', { exact: true }).fill(changes.symptoms);
  if (changes.diagnosis !== undefined)
    await page.getByLabel('Diagnosis', { exact: true }).fill(changes.diagnosis);
  if (changes.prescription !== undefined)
    await page.getByLabel('Prescription', { exact: true }).fill(changes.prescription);
  if (changes.followUp !== undefined)
    await page.getByLabel('Follow-up date', { exact: true }).fill(changes.followUp);
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expectSavedOnDevice(page);
}
