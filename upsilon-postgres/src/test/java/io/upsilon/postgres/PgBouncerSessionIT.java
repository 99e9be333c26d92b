package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Upsilon;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.testsupport.PgBouncerFixture;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Behind PgBouncer in transaction pooling, each transaction may run on another server connection, and a session
 * setting stays on the server connection that ran it. A task's lock timeout must therefore live in the task's own
 * transaction: every task sees it, and no server connection the application borrows afterwards keeps it.
 */
class PgBouncerSessionIT {

    @Test
    void aTasksLockTimeoutIsItsTransactionsAndStaysOffThePoolsOtherServerConnections() throws Exception {
        Optional<String> why = PgBouncerFixture.unavailable();
        if (why.isPresent()) {
            System.out.println("PgBouncerSessionIT: skipped: " + why.get());
        }
        Assumptions.assumeTrue(why.isEmpty(), () -> "PgBouncer not available: " + why.orElse(""));
        TestDatabase db = PostgresFixture.newDatabase();
        db.execute("CREATE TABLE seen (task int, lock_timeout text)");
        String record = "INSERT INTO public.seen VALUES (%d, current_setting('lock_timeout'))";
        PostgresBackend backend = PostgresBackend.create(PgBouncerFixture.dataSource(db, "upsilon:b"));
        Upsilon node = Upsilon.create(Nodes.config(backend, LockKind.LEASE, "b", Tasks.manifest(
                Tasks.sql("1.0", "one", record.formatted(1)),
                Tasks.sql("1.1", "two", record.formatted(2)),
                Tasks.sql("1.2", "three", record.formatted(3)))).build());

        assertThat(node.upgrade().tasks()).hasSize(3);

        // Upsilon's own timeout (PostgresSettings, 5 s by default) in each task, wherever PgBouncer ran it
        assertThat(db.queryOne("SELECT string_agg(lock_timeout, ',' ORDER BY task) FROM public.seen"))
                .isEqualTo("5s,5s,5s");
        // one open transaction per pooled server connection, so each of them is looked at
        DataSource app = PgBouncerFixture.dataSource(db, "app");
        List<Connection> held = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        try {
            for (int i = 0; i < PgBouncerFixture.POOL_SIZE; i++) {
                Connection c = app.getConnection();
                held.add(c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT current_setting('lock_timeout')")) {
                    rs.next();
                    settings.add(rs.getString(1));
                }
            }
        } finally {
            for (Connection c : held) {
                c.rollback();
                c.close();
            }
        }
        assertThat(settings).as("lock_timeout of every server connection in PgBouncer's pool").containsOnly("0");
    }
}
