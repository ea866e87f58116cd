import type { Db } from '../../db/prisma';

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
