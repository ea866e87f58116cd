-- Hand-written: sync epochs. A database restored from a backup has forgotten every change made
-- after the backup, yet devices that synced since hold cursors beyond its clock and rows it no
-- longer has. `pnpm db:restore` starts a new epoch: the clock moves on to `floor` (the time of the
-- restore), and a cursor below it gets 410 RESYNC_REQUIRED (the device downloads everything again
-- and keeps its unsent changes) — except the page cursors of a first sync at or below
-- `backup_clock`, which pages over the restored rows carry after the restore too.
CREATE TABLE "sync_epoch" (
    "id" INTEGER NOT NULL,
    "floor" BIGINT NOT NULL,
    "backup_clock" BIGINT NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sync_epoch_pkey" PRIMARY KEY ("id")
);
