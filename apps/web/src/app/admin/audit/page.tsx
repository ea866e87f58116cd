'use client';

import { signedInScreen } from '../../../features/ui/screen';

export default signedInScreen(() =>
  import('../../../features/admin/audit-screen').then((module) => module.AuditScreen),
);
