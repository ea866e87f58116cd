'use client';

import { signedInScreen } from '../../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../../features/admin/user-form-screen').then((module) => module.NewUserScreen),
);
