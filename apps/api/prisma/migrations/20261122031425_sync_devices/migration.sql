-- CreateTable
CREATE TABLE "sync_device" (
    "user_id" UUID NOT NULL,
    "device_id" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_push_at" TIMESTAMPTZ(6),
    "last_pull_at" TIMESTAMPTZ(6),
    "last_cursor" TEXT,
    "batches" INTEGER NOT NULL DEFAULT 0,
    "changes_pushed" INTEGER NOT NULL DEFAULT 0,
    "changes_rejected" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sync_device_pkey" PRIMARY KEY ("user_id","device_id")
);

-- CreateIndex
CREATE INDEX "sync_device_last_seen_at_idx" ON "sync_device"("last_seen_at");
