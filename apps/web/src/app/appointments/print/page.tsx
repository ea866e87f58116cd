'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/visit-summary/visit-summary-screen').then(
    (module) => module.VisitSummaryScreen,
  ),
);
