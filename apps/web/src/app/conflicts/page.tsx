'use client';

import { signedInScreen } from '../../features/ui/screen';

export default signedInScreen(() =>
  import('../../features/conflicts/conflicts-screen').then((module) => module.ConflictsScreen),
);
