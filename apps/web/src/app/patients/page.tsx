'use client';

import { signedInScreen } from '../../features/ui/screen';

export default signedInScreen(() =>
  import('../../features/patients/patients-screen').then((module) => module.PatientsScreen),
);
