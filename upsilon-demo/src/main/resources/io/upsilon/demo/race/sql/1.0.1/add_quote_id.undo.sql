ALTER TABLE transfer DROP COLUMN quote_id;
