'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/admin/users-screen').then((module) => module.UsersScreen),
);
