'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/appointments/appointment-screen').then(
    (module) => module.AppointmentScreen,
  ),
);
