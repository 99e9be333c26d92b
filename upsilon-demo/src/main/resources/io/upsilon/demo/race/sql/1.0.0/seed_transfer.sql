-- 1.0.0: sample transfers, so that the later versions have data to migrate. Ids are made from the row number, so
-- every run seeds the same rows.
INSERT INTO transfer (id, payer_fsp, payee_fsp, amount, currency, created_by)
SELECT md5('seed-' || n)::uuid, 'payer-' || (n % 97), 'payee-' || (n % 89), round((1 + (n * 7919) % 100000) / 100.0, 2),
       'EUR', 'seed'
  FROM generate_series(1, 5000) AS n;
