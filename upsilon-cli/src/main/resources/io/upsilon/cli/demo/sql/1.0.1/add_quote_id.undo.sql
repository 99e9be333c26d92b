ALTER TABLE transfers DROP COLUMN quote_id;
