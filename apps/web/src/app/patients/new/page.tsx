'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/patients/register-patient-screen').then(
    (module) => module.RegisterPatientScreen,
  ),
);
