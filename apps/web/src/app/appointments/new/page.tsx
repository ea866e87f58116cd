'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/appointments/book-appointment-screen').then(
    (module) => module.BookAppointmentScreen,
  ),
);
