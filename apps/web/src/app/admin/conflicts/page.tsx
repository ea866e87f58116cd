'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/admin/server-conflicts-screen').then(
    (module) => module.ServerConflictsScreen,
  ),
);
