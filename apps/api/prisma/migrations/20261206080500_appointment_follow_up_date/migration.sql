-- The day a visit asks the patient to come back (issue 19): nullable, so no table rewrite and every
-- existing visit simply has none.
ALTER TABLE "appointment" ADD COLUMN "follow_up_date" DATE;
