-- 1.0.1 (expand): an optional quote id. Nullable, so nodes still on 1.0.0, which do not know the column,
-- keep inserting transfers while 1.0.1 rolls out.
ALTER TABLE transfer ADD COLUMN quote_id uuid;
