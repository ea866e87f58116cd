'use client';

import { signedInScreen } from '../../features/ui/screen';

export default signedInScreen(() =>
  import('../../features/admin/admin-home-screen').then((module) => module.AdminHomeScreen),
);
