-- Release 1.0.1 (data 1.0.1): the optional quote_id column. Adding a nullable column without a default is a
-- catalog change only (no table rewrite), so the ACCESS EXCLUSIVE lock is held for a moment.
ALTER TABLE transfer ADD COLUMN quote_id uuid NULL;
