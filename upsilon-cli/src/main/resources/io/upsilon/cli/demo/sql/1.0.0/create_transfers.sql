-- 1.0.0: the first schema of the transfers service.
CREATE TABLE transfers (
    id         bigserial PRIMARY KEY,
    payer      text NOT NULL,
    payee      text NOT NULL,
    amount     numeric(12, 2) NOT NULL CHECK (amount > 0),
    currency   char(3) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
