// Seeded, deterministic dataset: patients, appointments, FHIR Observations, pharmacies, medicines
// and inventory rows with realistic field sizes. The same rows go into PostgreSQL (our API and the
// raw reference read the same tables) and, as documents, into pouchdb-server and rxdb-server.
import { createHash } from 'node:crypto';

/** The demo seed's facility A (the `worker` account's) — see apps/api/src/demo/demo-data.ts. */
export function demoId(name) {
  const hex = createHash('sha1').update(`healthsync-demo:${name}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
export const FACILITY_A = demoId('facility-a');
export const WORKER_ID = demoId('user-worker');
export const DOCTOR_IDS = ['doctor-deshmukh', 'doctor-kulkarni', 'doctor-pawar'].map(demoId);

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic UUID (v4 layout) from the generator. */
function uuidFrom(rand) {
  let hex = '';
  for (let i = 0; i < 4; i++)
    hex += Math.floor(rand() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const v = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${v}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const FIRST = [
  'Asha',
  'Kavita',
  'Sunita',
  'Rekha',
  'Meena',
  'Anil',
  'Suresh',
  'Ramesh',
  'Vijay',
  'Sanjay',
  'Priya',
  'Lata',
  'Ganesh',
  'Mahesh',
  'Savita',
  'Rohit',
  'Deepa',
  'Nitin',
  'Pooja',
  'Rahul',
  'Shobha',
  'Arjun',
  'Neha',
  'Kiran',
  'Manoj',
  'Usha',
  'Sachin',
  'Vandana',
  'Prakash',
  'Jyoti',
];
const LAST = [
  'Devi',
  'Pawar',
  'Patil',
  'Jadhav',
  'More',
  'Shinde',
  'Deshmukh',
  'Kulkarni',
  'Joshi',
  'Gaikwad',
  'Chavan',
  'Kamble',
  'Salunkhe',
  'Mane',
  'Kale',
  'Bhosale',
  'Thorat',
  'Yadav',
  'Kadam',
  'Sawant',
];
const VILLAGES = [
  'Sangli',
  'Miraj',
  'Kupwad',
  'Tasgaon',
  'Vita',
  'Islampur',
  'Palus',
  'Jat',
  'Atpadi',
  'Kavathe Mahankal',
  'Shirala',
  'Walwa',
];
const SYMPTOMS = [
  'Fever and body ache for three days, mild headache in the evenings',
  'Persistent dry cough for two weeks, worse at night, no blood',
  'Abdominal pain after meals, occasional vomiting, loss of appetite',
  'Shortness of breath on exertion, swelling of both ankles',
  'Joint pain in knees and lower back, stiffness in the morning',
  'Follow-up for hypertension, reports occasional dizziness',
  'Antenatal check-up, second trimester, no complaints',
  'Skin rash on forearms with itching since one week',
  'Loose stools five times a day since yesterday, mild dehydration',
  'Burning micturition and lower abdominal discomfort',
];
const DIAGNOSES = [
  'Viral fever',
  'Upper respiratory tract infection',
  'Acute gastritis',
  'Essential hypertension, controlled',
  'Type 2 diabetes mellitus',
  'Osteoarthritis of knees',
  'Normal pregnancy',
  'Contact dermatitis',
  'Acute gastroenteritis with mild dehydration',
  'Urinary tract infection',
  null,
];
const PRESCRIPTIONS = [
  'Paracetamol 500 mg TDS x 3 days; ORS; rest and fluids',
  'Amoxicillin 500 mg TDS x 5 days; Cetirizine 10 mg HS x 5 days',
  'Pantoprazole 40 mg OD before breakfast x 14 days; avoid spicy food',
  'Amlodipine 5 mg OD; review in one month with BP chart',
  'Metformin 500 mg BD after meals; diet counselling; HbA1c in 3 months',
  'Iron and folic acid OD; calcium 500 mg BD; next ANC visit in 4 weeks',
  null,
];
const STATUSES = [
  'PENDING',
  'CONFIRMED',
  'COMPLETED',
  'COMPLETED',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
];
const VITALS = [
  ['8867-4', 'Heart rate', '/min', 60, 110],
  ['8310-5', 'Body temperature', 'Cel', 36, 39.5],
  ['29463-7', 'Body weight', 'kg', 35, 95],
  ['8480-6', 'Systolic blood pressure', 'mm[Hg]', 95, 180],
  ['2708-6', 'Oxygen saturation in Arterial blood', '%', 88, 100],
  ['39156-5', 'Body mass index (BMI) [Ratio]', 'kg/m2', 16, 35],
];
const MED_NAMES = [
  'Paracetamol',
  'Amoxicillin',
  'Metformin',
  'Amlodipine',
  'Cetirizine',
  'ORS',
  'Iron + Folic Acid',
  'Pantoprazole',
  'Azithromycin',
  'Ibuprofen',
  'Salbutamol',
  'Albendazole',
  'Zinc',
  'Calcium',
  'Atenolol',
  'Losartan',
  'Glimepiride',
  'Doxycycline',
  'Ciprofloxacin',
  'Ranitidine',
];
const FORMS = ['tablet', 'capsule', 'syrup', 'sachet', 'inhaler'];

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const pad = (n, w) => String(n).padStart(w, '0');

/**
 * Builds the dataset. Sizes are the issue's: 20,000 patients, 40,000 appointments, 20,000
 * Observations, 2,000 inventory rows (20 pharmacies × 100 medicines). `scale` shrinks it (--quick).
 */
export function generateDataset({ seed = 7, scale = 1 } = {}) {
  const rand = mulberry32(seed);
  const n = (x) => Math.max(1, Math.round(x * scale));
  const base = Date.UTC(2025, 0, 1);
  const iso = (ms) => new Date(ms).toISOString();

  const patients = [];
  for (let i = 0; i < n(20000); i++) {
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const village = pick(rand, VILLAGES);
    const born = Date.UTC(1940, 0, 1) + Math.floor(rand() * 80 * 365) * 86400000;
    const id = uuidFrom(rand);
    patients.push({
      id,
      name: `${first} ${pick(rand, FIRST)} ${last}`,
      dob: iso(born).slice(0, 10),
      gender: rand() < 0.55 ? 'female' : 'male',
      phone_number: `+91-98${pad(Math.floor(rand() * 1e8), 8)}`,
      address: `House ${1 + Math.floor(rand() * 400)}, Ward ${1 + Math.floor(rand() * 12)}, near ${pick(rand, ['temple', 'school', 'bus stand', 'water tank', 'gram panchayat'])}, ${village}, Maharashtra ${416000 + Math.floor(rand() * 500)}`,
      identifiers: {
        abha: `91-${pad(Math.floor(rand() * 1e4), 4)}-${pad(Math.floor(rand() * 1e4), 4)}-${pad(Math.floor(rand() * 1e4), 4)}`,
        mrn: `GPHC-${pad(i + 1, 6)}`,
      },
      owner: WORKER_ID,
      facility_id: FACILITY_A,
    });
  }

  const appointments = [];
  for (let i = 0; i < n(40000); i++) {
    const status = pick(rand, STATUSES);
    const done = status === 'COMPLETED';
    appointments.push({
      id: uuidFrom(rand),
      patient_id: patients[Math.floor(rand() * patients.length)].id,
      doctor_id: pick(rand, DOCTOR_IDS),
      appointment_date: iso(base + Math.floor(rand() * 365 * 48) * 1800000),
      status,
      symptoms: pick(rand, SYMPTOMS),
      diagnosis: done ? pick(rand, DIAGNOSES) : null,
      prescription: done ? pick(rand, PRESCRIPTIONS) : null,
      facility_id: FACILITY_A,
    });
  }

  const observations = [];
  for (let i = 0; i < n(20000); i++) {
    const [code, display, unit, lo, hi] = pick(rand, VITALS);
    const patient = patients[Math.floor(rand() * patients.length)].id;
    const value = Math.round((lo + rand() * (hi - lo)) * 10) / 10;
    observations.push({
      id: uuidFrom(rand),
      patient,
      resource_type: 'Observation',
      facility_id: FACILITY_A,
      data: {
        resourceType: 'Observation',
        status: 'final',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'vital-signs',
                display: 'Vital Signs',
              },
            ],
          },
        ],
        code: { coding: [{ system: 'http://loinc.org', code, display }], text: display },
        subject: { reference: `Patient/${patient}` },
        effectiveDateTime: iso(base + Math.floor(rand() * 365 * 24) * 3600000),
        valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
      },
    });
  }

  const pharmacies = [];
  for (let i = 0; i < 20; i++) {
    const village = VILLAGES[i % VILLAGES.length];
    pharmacies.push({
      id: uuidFrom(rand),
      name: `${village} Medical Store ${i + 1}`,
      village,
      address: `Main Road, ${village}`,
    });
  }
  const medicines = [];
  for (let i = 0; i < 100; i++) {
    medicines.push({
      id: uuidFrom(rand),
      name: `${MED_NAMES[i % MED_NAMES.length]} ${Math.floor(i / MED_NAMES.length) + 1}`,
      strength: `${pick(rand, [5, 10, 40, 250, 500])} mg`,
      form: pick(rand, FORMS),
    });
  }
  const inventory = [];
  const invCount = n(2000);
  outer: for (const p of pharmacies)
    for (const m of medicines) {
      if (inventory.length >= invCount) break outer;
      inventory.push({
        id: uuidFrom(rand),
        pharmacy_id: p.id,
        medicine_id: m.id,
        quantity_available: Math.floor(rand() * 500),
      });
    }

  return { patients, appointments, observations, pharmacies, medicines, inventory };
}

export function datasetCounts(ds) {
  return Object.fromEntries(Object.entries(ds).map(([k, v]) => [k, v.length]));
}

/** Every row as a flat document (the peers' shape): `type` + the row's fields. */
export function* documents(ds) {
  for (const p of ds.patients) yield { type: 'Patient', ...p };
  for (const a of ds.appointments) yield { type: 'Appointment', ...a };
  for (const o of ds.observations) yield { type: 'Observation', ...o };
  for (const p of ds.pharmacies) yield { type: 'Pharmacy', ...p };
  for (const m of ds.medicines) yield { type: 'Medicine', ...m };
  for (const i of ds.inventory) yield { type: 'InventoryItem', ...i };
}
