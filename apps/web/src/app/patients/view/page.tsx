'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/patients/patient-screen').then((module) => module.PatientScreen),
);
