package io.upsilon.reliability.faults;

import io.upsilon.postgres.PostgresBackend;
import io.upsilon.reliability.Tally;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.SchemaDump;
import io.upsilon.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The before (1.0) and after (1.1) states of the ledger, taken once per task kind from an undisturbed run on a
 * database of its own, and the checks that a disturbed database ended in one of them.
 */
public final class LedgerState {

    private static final Map<Ledger.Kind, String[]> REFERENCE = new EnumMap<>(Ledger.Kind.class);

    private LedgerState() {
    }

    /** A new database brought to 1.0 by an undisturbed node, ready for the 1.1 task to be attacked. */
    public static TestDatabase atBefore(Ledger.Kind kind) {
        TestDatabase db = PostgresFixture.newDatabase();
        PostgresBackend backend = PostgresBackend.create(db.dataSource("upsilon:setup"));
        Node.upsilon(backend, "setup", Ledger.manifest(kind, () -> false, () -> { })).migrateTo(Ledger.BEFORE);
        return db;
    }

    /** The schema hash of the undisturbed 1.0 state. */
    public static synchronized String beforeHash(Ledger.Kind kind) {
        return reference(kind)[0];
    }

    /** The schema hash of the undisturbed 1.1 state. */
    public static synchronized String afterHash(Ledger.Kind kind) {
        return reference(kind)[1];
    }

    private static String[] reference(Ledger.Kind kind) {
        return REFERENCE.computeIfAbsent(kind, k -> {
            TestDatabase db = atBefore(k);
            String before = hash(db.dataSource());
            PostgresBackend backend = PostgresBackend.create(db.dataSource("upsilon:reference"));
            Node.upsilon(backend, "reference", Ledger.manifest(k, () -> false, () -> { })).upgrade();
            return new String[] {before, hash(db.dataSource())};
        });
    }

    /** A short SHA-256 of {@link SchemaDump}: equal hashes mean equal schemas, Upsilon's own tables included. */
    public static String hash(DataSource ds) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(SchemaDump.of(ds).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a finished round found; each count is 0 or 1 per round. */
    public record Outcome(int recovered, int duplicates, int partial, int stuck) {
    }

    /**
     * Checks a round once all is done: the data version reached 1.1, no row was bumped twice and the transactional
     * task's effect committed once, schema and data equal the after state, exactly one SUCCEEDED history row for the
     * 1.1 task and none left RUNNING, and no cluster lock is still held.
     */
    public static Outcome afterAll(Tally t, TestDatabase db, Ledger.Kind kind, String round) throws Exception {
        DataSource ds = db.dataSource();
        boolean recovered = "1.1".equals(db.queryOne("SELECT version FROM upsilon_data_version"));
        t.check(recovered, round + ": the data version did not reach 1.1");
        long doubled = Ledger.doubleBumped(ds);
        long effects = Ledger.effects(ds);
        long succeeded = (Long) db.queryOne("SELECT count(*) FROM upsilon_history WHERE version = '1.1'"
                + " AND status = 'SUCCEEDED'");
        boolean duplicate = doubled > 0 || succeeded > 1 || (kind == Ledger.Kind.TRANSACTIONAL && effects > 1);
        t.check(!duplicate, round + ": applied twice (" + doubled + " rows bumped twice, " + effects
                + " committed effect rows, " + succeeded + " SUCCEEDED history rows)");
        String hash = hash(ds);
        long notAfter = Ledger.notAfter(ds);
        long running = (Long) db.queryOne("SELECT count(*) FROM upsilon_history WHERE status = 'RUNNING'");
        boolean partial = !hash.equals(afterHash(kind)) || notAfter > 0 || running > 0;
        t.check(!partial, round + ": partial result (schema " + hash + " vs after " + afterHash(kind) + ", "
                + notAfter + " rows not in the after state, " + running + " history rows left RUNNING)");
        boolean stuck = lockHeld(db);
        t.check(!stuck, round + ": the cluster lock is still held after every node finished");
        return new Outcome(recovered ? 1 : 0, duplicate ? 1 : 0, partial ? 1 : 0, stuck ? 1 : 0);
    }

    /** Whether anyone still holds the cluster lock: an advisory lock granted in this database, or a live row. */
    public static boolean lockHeld(TestDatabase db) {
        long advisory = (Long) db.queryOne("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid ="
                + " l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()");
        boolean alive = PostgresBackend.create(db.dataSource()).lock(PostgresBackend.LockKind.ADVISORY, "probe")
                .inspect().map(i -> i.alive()).orElse(false);
        return advisory > 0 || alive;
    }
}
