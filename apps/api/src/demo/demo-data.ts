import { createHash } from 'node:crypto';

/** Stable UUIDs (version 5 layout) so seeding twice finds the same rows. */
export function demoId(name: string): string {
  const hex = createHash('sha1').update(`healthsync-demo:${name}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const FACILITY_A = {
  id: demoId('facility-a'),
  name: 'Gram Primary Health Centre',
  district: 'Sangli',
};
export const FACILITY_B = {
  id: demoId('facility-b'),
  name: 'Kodoli Sub-Centre',
  district: 'Kolhapur',
};

export const DEMO_ACCOUNTS = [
  {
    username: 'admin',
    password: 'admin-demo',
    role: 'admin',
    displayName: 'Asha Admin',
    facility: FACILITY_A,
  },
  {
    username: 'doctor',
    password: 'doctor-demo',
    role: 'doctor',
    displayName: 'Dr. Anil Deshmukh',
    facility: FACILITY_A,
  },
  {
    username: 'worker',
    password: 'worker-demo',
    role: 'health_worker',
    displayName: 'Kavita Pawar',
    facility: FACILITY_A,
  },
  {
    username: 'pharmacist',
    password: 'pharmacist-demo',
    role: 'pharmacist',
    displayName: 'Rahul Jagtap',
    facility: FACILITY_A,
  },
  {
    username: 'worker2',
    password: 'worker2-demo',
    role: 'health_worker',
    displayName: 'Sanjay More',
    facility: FACILITY_B,
  },
] as const;

export const DOCTORS = [
  {
    key: 'doctor-deshmukh',
    name: 'Dr. Anil Deshmukh',
    specialization: 'General Medicine',
    phone: '+91-9822000010',
    username: 'doctor',
  },
  {
    key: 'doctor-kulkarni',
    name: 'Dr. Priya Kulkarni',
    specialization: 'Pulmonology',
    phone: '+91-9822000011',
    username: null,
  },
  {
    key: 'doctor-pawar',
    name: 'Dr. Suresh Pawar',
    specialization: 'Cardiology',
    phone: '+91-9822000012',
    username: null,
  },
] as const;

export const PATIENTS_A = [
  {
    key: 'patient-1',
    name: 'Ramesh Patil',
    dob: '1978-03-14',
    gender: 'Male',
    phone: '+91-9876543210',
    address: 'Village Gram, Taluka Taluka, District Sangli, State Maharashtra 415001',
  },
  {
    key: 'patient-2',
    name: 'Sunita Jadhav',
    dob: '1985-07-02',
    gender: 'Female',
    phone: '+91-9123456789',
    address: 'Village Warna, Taluka Taluka, District Satara, State Maharashtra 415402',
  },
] as const;

export const PATIENTS_B = [
  {
    key: 'patient-b1',
    name: 'Meena Shinde',
    dob: '1992-11-23',
    gender: 'Female',
    phone: '+91-9011122233',
    address: 'Kodoli, District Kolhapur',
  },
  {
    key: 'patient-b2',
    name: 'Prakash More',
    dob: '1969-01-05',
    gender: 'Male',
    phone: '+91-9011122244',
    address: 'Kodoli, District Kolhapur',
  },
  {
    key: 'patient-b3',
    name: 'Lata Gaikwad',
    dob: '2001-06-18',
    gender: 'Female',
    phone: null,
    address: 'Warananagar, District Kolhapur',
  },
] as const;

/** The spec's three appointments, on dates around today. */
export const APPOINTMENTS = [
  {
    key: 'appointment-101',
    patient: 'patient-1',
    doctor: 'doctor-deshmukh',
    dayOffset: 0,
    hour: 14,
    status: 'PENDING',
    symptoms: 'Fever, body pain, weakness for 3 days',
    diagnosis: null,
    prescription: null,
  },
  {
    key: 'appointment-102',
    patient: 'patient-1',
    doctor: 'doctor-deshmukh',
    dayOffset: 0,
    hour: 10.5,
    status: 'CONFIRMED',
    symptoms: 'Persistent cough, difficulty breathing',
    diagnosis: 'Mild pneumonia, viral infection',
    prescription: 'Amoxicillin 500mg 3x daily, Cough syrup',
  },
  {
    key: 'appointment-103',
    patient: 'patient-2',
    doctor: 'doctor-deshmukh',
    dayOffset: -2,
    hour: 15,
    status: 'COMPLETED',
    symptoms: 'Dizziness, high BP reading',
    diagnosis: 'Hypertension, need monitoring',
    prescription: 'Amlodipine 5mg once daily',
  },
] as const;

export const PHARMACIES = [
  {
    key: 'pharmacy-gram-medical',
    name: 'Gram Medical Store, Warna',
    village: 'Warna',
    address: 'Main Road, Warna',
  },
  {
    key: 'pharmacy-village-care',
    name: 'Village Care Pharmacy, Gram',
    village: 'Gram',
    address: 'Near Bus Stand, Gram',
  },
] as const;

export const MEDICINES = [
  { key: 'medicine-paracetamol', name: 'Paracetamol 500mg', strength: '500mg', form: 'tablet' },
  { key: 'medicine-amoxicillin', name: 'Amoxicillin 500mg', strength: '500mg', form: 'capsule' },
  { key: 'medicine-amlodipine', name: 'Amlodipine 5mg', strength: '5mg', form: 'tablet' },
] as const;

export const INVENTORY = [
  { pharmacy: 'pharmacy-gram-medical', medicine: 'medicine-paracetamol', quantity: 250 },
  { pharmacy: 'pharmacy-gram-medical', medicine: 'medicine-amoxicillin', quantity: 120 },
  { pharmacy: 'pharmacy-village-care', medicine: 'medicine-paracetamol', quantity: 0 },
  { pharmacy: 'pharmacy-village-care', medicine: 'medicine-amlodipine', quantity: 85 },
] as const;

/** Vitals as FHIR Observations (LOINC codes, UCUM units). */
export const OBSERVATIONS = [
  {
    key: 'observation-temp-1',
    patient: 'patient-1',
    code: '8310-5',
    display: 'Body temperature',
    value: 38.6,
    unit: 'Cel',
  },
  {
    key: 'observation-pulse-2',
    patient: 'patient-2',
    code: '8867-4',
    display: 'Heart rate',
    value: 88,
    unit: '/min',
  },
] as const;
