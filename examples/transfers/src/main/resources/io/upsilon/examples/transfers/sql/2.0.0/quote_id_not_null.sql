-- Release 2.0.1 (data 2.0.0): quote_id becomes required. BackfillQuoteIds ran just before, and no node of release
-- 2.0.0 or later writes a transfer without a quote id, so the UPDATE normally changes nothing: it is a safety net
-- in this task's transaction, so that SET NOT NULL never fails on a straggler.
UPDATE transfer SET quote_id = md5('quote-' || id::text)::uuid WHERE quote_id IS NULL;
ALTER TABLE transfer ALTER COLUMN quote_id SET NOT NULL;
