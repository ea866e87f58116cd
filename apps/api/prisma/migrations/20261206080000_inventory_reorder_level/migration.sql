-- The quantity below which a pharmacist wants a stock row flagged (issue 19, pharmacist alerts).
-- Nullable with no default: adding it rewrites nothing, and rows and clients from before it have
-- none set.
ALTER TABLE "inventory_item" ADD COLUMN "reorder_level" INTEGER;
