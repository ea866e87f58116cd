import { formatDate, type AdminListQuery, type DeviceHealth } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';

/**
 * A page of the devices that have synced, most recently seen first, with their open conflicts;
 * one row more than `limit` if there is more.
 */
export async function listDevices(db: Db, page: AdminListQuery): Promise<DeviceHealth[]> {
  const devices = await db.syncDevice.findMany({
    orderBy: [{ lastSeenAt: 'desc' }, { userId: 'asc' }, { deviceId: 'asc' }],
    take: page.limit + 1,
    skip: page.offset,
  });
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(devices.map((d) => d.userId))] } },
    select: { id: true, username: true, facilityId: true },
  });
  const conflicts = await db.syncConflict.groupBy({
    by: ['userId', 'deviceId'],
    where: { status: 'open', userId: { in: [...new Set(devices.map((d) => d.userId))] } },
    _count: { _all: true },
  });
  const userById = new Map(users.map((u) => [u.id, u]));
  const openBy = new Map(conflicts.map((c) => [`${c.userId}|${c.deviceId}`, c._count._all]));
  return devices.map((d) => ({
    device_id: d.deviceId,
    user_id: d.userId,
    username: userById.get(d.userId)?.username ?? '(deleted user)',
    facility_id: userById.get(d.userId)?.facilityId ?? d.userId,
    first_seen_at: formatDate(d.firstSeenAt),
    last_seen_at: formatDate(d.lastSeenAt),
    last_push_at: d.lastPushAt ? formatDate(d.lastPushAt) : null,
    last_pull_at: d.lastPullAt ? formatDate(d.lastPullAt) : null,
    last_cursor: d.lastCursor,
    batches: d.batches,
    changes_pushed: d.changesPushed,
    changes_rejected: d.changesRejected,
    open_conflicts: openBy.get(`${d.userId}|${d.deviceId}`) ?? 0,
  }));
}
