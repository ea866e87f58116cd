'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/admin/devices-screen').then((module) => module.DevicesScreen),
);
