'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/admin/directory-screen').then((module) => module.DirectoryScreen),
);
