package io.upsilon.reliability.faults;

import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One node of the connection-loss scenario as its own OS process. Arguments: JDBC URL, node id, task kind
 * ({@link Ledger.Kind}), {@code hold} or {@code finish}, and optionally the id of a node whose holding of the
 * cluster lock this one waits for before it starts. Prints {@code IN_TASK epochMillis} when the 1.1 task starts
 * its batches, {@code LOCK_WAITING epochMillis} before it asks for the lock, then {@code RESULT outcome
 * dataVersion} or {@code ERROR code message}, and exits with the error's exit code.
 */
public final class LossNodeMain {

    private LossNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String nodeId = args[1];
        boolean hold = "hold".equals(args[3]);
        PostgresBackend backend = PostgresBackend.create(Node.dataSource(args[0], nodeId));
        if (args.length > 4) {
            awaitHolder(backend.dataSource(), args[4]);
        }
        Upsilon node = Node.upsilon(backend, nodeId, Ledger.manifest(Ledger.Kind.valueOf(args[2]), () -> hold,
                () -> System.out.println("IN_TASK " + System.currentTimeMillis())), (event, context) -> {
                    if (event == UpgradeEvent.LOCK_WAITING) {
                        System.out.println("LOCK_WAITING " + System.currentTimeMillis());
                    }
                });
        try {
            UpgradeResult result = node.upgrade();
            System.out.println("RESULT " + result.outcome() + " " + result.after().map(Version::toString).orElse("-"));
            System.exit(0);
        } catch (UpsilonException e) {
            System.out.println("ERROR " + e.code() + " " + e.getMessage());
            System.exit(e.code().exitCode());
        } catch (RuntimeException e) {
            // anything but an UpsilonException is itself a finding: the engine should have classified it
            System.out.println("ERROR UNCLASSIFIED " + e);
            System.exit(70);
        }
    }

    /** Polls the lock row until {@code holder} holds the cluster lock, for at most a minute. */
    private static void awaitHolder(DataSource ds, String holder) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + Node.LOCK_WAIT.toMillis();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT holder FROM upsilon_lock WHERE name = 'upgrade'")) {
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && holder.equals(rs.getString(1))) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        System.out.println("ERROR GATE " + holder + " never held the cluster lock");
        System.exit(71);
    }
}
