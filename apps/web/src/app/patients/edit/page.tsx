'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/patients/edit-patient-screen').then(
    (module) => module.EditPatientScreen,
  ),
);
