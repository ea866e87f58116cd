import { HealthSyncError } from '@healthsync/contracts';

export { HealthSyncError };

export const notFound = (what = 'Not found.') => new HealthSyncError('NOT_FOUND', what);

export const forbidden = (detail = 'You do not have permission to perform this action.') =>
  new HealthSyncError('PERMISSION_DENIED', detail);

export const invalidField = (field: string, message: string) =>
  HealthSyncError.validation({ [field]: message });
