/** Demo accounts the API seeds with DEMO=1 (apps/api/src/demo/demo-data.ts). */
export const ACCOUNTS = {
  doctor: { username: 'doctor', password: 'doctor-demo', displayName: 'Dr. Anil Deshmukh' },
  worker: { username: 'worker', password: 'worker-demo', displayName: 'Kavita Pawar' },
  pharmacist: { username: 'pharmacist', password: 'pharmacist-demo', displayName: 'Rahul Jagtap' },
  admin: { username: 'admin', password: 'admin-demo', displayName: 'Asha Admin' },
  /** Facility B: sees none of facility A's patients. */
  worker2: { username: 'worker2', password: 'worker2-demo', displayName: 'Sanjay More' },
} as const;

export interface Account {
  username: string;
  password: string;
  displayName: string;
}
