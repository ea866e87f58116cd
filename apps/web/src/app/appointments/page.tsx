'use client';

import { signedInScreen } from '../../features/ui/screen';

export default signedInScreen(() =>
  import('../../features/appointments/appointments-screen').then(
    (module) => module.AppointmentsScreen,
  ),
);
