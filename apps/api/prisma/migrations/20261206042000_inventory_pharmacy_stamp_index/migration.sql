-- One pharmacy's stock changes after a cursor (the inventory pull with pharmacy_id) as a range of
-- this index, like the facility-scoped feeds use (facility_id, stamp). Alone in its migration, so it
-- runs outside a transaction and builds without blocking writes (docs/UPGRADES.md).
CREATE INDEX CONCURRENTLY "inventory_item_pharmacy_id_stamp_idx" ON "inventory_item"("pharmacy_id", "stamp");
