-- 1.0.0: sample transfers, so that the later versions have data to migrate.
INSERT INTO transfers (payer, payee, amount, currency)
SELECT 'payer-' || (n % 97), 'payee-' || (n % 89), round((1 + (n * 7919) % 100000) / 100.0, 2), 'EUR'
  FROM generate_series(1, 5000) AS n;
