import type { Db } from '../../db/prisma';
import { prepared } from '../../db/prepared-statements';

export type DevicePull = { userId: string; deviceId: string; cursor: string; at: Date };

/**
 * Notes devices' pulls — when each last pulled and the cursor it was handed — in one statement.
 * A pull noted after a newer upload does not move `last_seen_at` back; a user deleted since is
 * skipped.
 */
export async function recordDevicePulls(db: Db, pulls: DevicePull[]): Promise<void> {
  if (pulls.length === 0) return;
  const rows = pulls.map((pull) => ({
    user_id: pull.userId,
    device_id: pull.deviceId,
    at: pull.at.toISOString(),
    cursor: pull.cursor,
  }));
  await db.$executeRawUnsafe(
    prepared(`INSERT INTO sync_device AS d (user_id, device_id, first_seen_at, last_seen_at, last_pull_at, last_cursor)
     SELECT p.user_id, p.device_id, p.at, p.at, p.at, p.cursor
       FROM json_to_recordset($1::json) AS p(user_id uuid, device_id text, at timestamptz, cursor text)
      WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.id = p.user_id)
     ON CONFLICT (user_id, device_id) DO UPDATE
       SET last_seen_at = GREATEST(d.last_seen_at, EXCLUDED.last_seen_at),
           last_pull_at = EXCLUDED.last_pull_at,
           last_cursor = EXCLUDED.last_cursor`),
    JSON.stringify(rows),
  );
}
