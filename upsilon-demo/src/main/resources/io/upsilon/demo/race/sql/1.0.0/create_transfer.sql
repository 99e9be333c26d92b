-- 1.0.0: the transfer table of the transfers service (examples/transfers), without quote_id.
CREATE TABLE transfer (
    id          uuid PRIMARY KEY,
    payer_fsp   text NOT NULL,
    payee_fsp   text NOT NULL,
    amount      numeric(18, 2) NOT NULL CHECK (amount > 0),
    currency    char(3) NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transfer_updated_at ON transfer (updated_at, id);
