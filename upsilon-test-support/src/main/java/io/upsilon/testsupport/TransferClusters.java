package io.upsilon.testsupport;

/**
 * An old and a new cluster for side-by-side migration tests, two embedded PostgreSQL servers with the transfers
 * schema of the quoteId story: the old one has transfers with amounts, fees, quote references and a legacy column,
 * ten per second of update time from 2026-01-01 00:00, and a quotes table; the new one renames the amount, adds a
 * currency and a merged quote amount, and keeps fees in a table of their own.
 */
public final class TransferClusters {

    /** The old cluster's database. */
    public final TestDatabase old;
    /** The new cluster's database, on a second server. */
    public final TestDatabase neu;

    /** Both clusters, with {@code transfers} rows in the old one and the new one empty. */
    public TransferClusters(int transfers) {
        this(PostgresFixture.newDatabase(), PostgresFixture.newDatabaseOnSecondServer(), transfers);
    }

    /**
     * The same, with the old cluster on the {@link PostgresFixture#logicalServer()} ({@code wal_level=logical}), for
     * change capture from the log.
     */
    public static TransferClusters withLogicalSource(int transfers) {
        return new TransferClusters(PostgresFixture.newLogicalDatabase(), PostgresFixture.newDatabaseOnSecondServer(),
                transfers);
    }

    private TransferClusters(TestDatabase old, TestDatabase neu, int transfers) {
        this.old = old;
        this.neu = neu;
        old.execute("""
                CREATE TABLE quotes (id text PRIMARY KEY, amount numeric NOT NULL);
                INSERT INTO quotes SELECT 'q' || g, g * 1.5 FROM generate_series(1, 1000) g;
                CREATE TABLE transfers (id bigint PRIMARY KEY, amount numeric NOT NULL, fee numeric,
                    quote_id text, state text NOT NULL, legacy text, updated_at timestamptz NOT NULL);
                CREATE INDEX transfers_keyset ON transfers (updated_at, id);
                """);
        old.execute("INSERT INTO transfers SELECT g, g % 1000 + 0.25, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 13 END,"
                + " CASE WHEN g % 5 = 0 THEN NULL ELSE 'q' || (g % 1200) END, CASE WHEN g % 2 = 0 THEN 'A' ELSE 'C' END,"
                + " 'x', timestamptz '2026-01-01' + (g / 10) * interval '1 second' FROM generate_series(1, "
                + transfers + ") g");
        neu.execute("""
                CREATE TABLE transfers (id bigint PRIMARY KEY, amount_minor numeric NOT NULL, currency text NOT NULL,
                    quote_id text, quote_amount numeric, state text NOT NULL, updated_at timestamptz NOT NULL);
                CREATE TABLE transfer_fees (transfer_id bigint PRIMARY KEY, fee numeric);
                """);
    }
}
