-- Data 1.0.1: the optional quote_id column (a catalog change only: no table rewrite).
ALTER TABLE transfer ADD COLUMN quote_id uuid NULL;
