'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/vitals/record-vitals-screen').then(
    (module) => module.RecordVitalsScreen,
  ),
);
