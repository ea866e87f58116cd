import { HealthSyncError } from './errors';

/** If-Match: 412 with the current row when the caller's version is not the server's. */
export function assertExpectedVersion(
  current: { serverVersion: number },
  expectedVersion: number | undefined,
  currentWire: () => unknown,
): void {
  if (expectedVersion !== undefined && current.serverVersion !== expectedVersion) {
    throw new HealthSyncError(
      'PRECONDITION_FAILED',
      'The row changed since the version you sent in If-Match.',
      {
        current: currentWire(),
      },
    );
  }
}
