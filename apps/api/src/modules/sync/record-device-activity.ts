import type { Db } from '../../db/prisma';

/** Counts a pushed batch against its device (inside the batch's transaction). */
export async function recordDevicePush(
  db: Db,
  push: { userId: string; deviceId: string; changes: number; rejected: number },
): Promise<void> {
  const now = new Date();
  await db.syncDevice.upsert({
    where: { userId_deviceId: { userId: push.userId, deviceId: push.deviceId } },
    create: {
      userId: push.userId,
      deviceId: push.deviceId,
      lastSeenAt: now,
      lastPushAt: now,
      batches: 1,
      changesPushed: push.changes,
      changesRejected: push.rejected,
    },
    update: {
      lastSeenAt: now,
      lastPushAt: now,
      batches: { increment: 1 },
      changesPushed: { increment: push.changes },
      changesRejected: { increment: push.rejected },
    },
  });
}

/** Notes a device's pull and the cursor it was handed. */
export async function recordDevicePull(
  db: Db,
  pull: { userId: string; deviceId: string; cursor: string },
): Promise<void> {
  const now = new Date();
  await db.syncDevice.upsert({
    where: { userId_deviceId: { userId: pull.userId, deviceId: pull.deviceId } },
    create: {
      userId: pull.userId,
      deviceId: pull.deviceId,
      lastSeenAt: now,
      lastPullAt: now,
      lastCursor: pull.cursor,
    },
    update: { lastSeenAt: now, lastPullAt: now, lastCursor: pull.cursor },
  });
}
