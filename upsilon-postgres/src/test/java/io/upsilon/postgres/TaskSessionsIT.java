package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.UpgradeResult;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The tasks of one upgrade run share one connection (no connection per task), and nothing of one task's session state
 * reaches the next: settings, temporary tables and listeners are reset between them, as they were when each task had
 * a connection of its own.
 */
class TaskSessionsIT {

    @Test
    void theTasksOfARunShareOneSessionAndEachStartsFromACleanOne() {
        TestDatabase db = PostgresFixture.newDatabase();
        db.execute("CREATE TABLE seen (task int, pid int, search_path text, lock_timeout text, temp_tables bigint,"
                + " listening bigint)");
        String record = "INSERT INTO seen SELECT %d, pg_backend_pid(), current_setting('search_path'),"
                + " current_setting('lock_timeout'), (SELECT count(*) FROM pg_class WHERE relpersistence = 't'),"
                + " (SELECT count(*) FROM pg_listening_channels());";
        String dirty = " SET search_path = pg_catalog; SET lock_timeout = 1; CREATE TEMP TABLE scratch (x int);"
                + " LISTEN upsilon_test;";
        UpgradeResult result = Nodes.node(db, "n", Tasks.manifest(
                Tasks.sql("1.0", "one", record.formatted(1) + dirty),
                Tasks.sql("1.1", "two", "SET search_path = public; " + record.formatted(2) + dirty),
                Tasks.nonTransactional("1.2", "three", "SET search_path = public; " + record.formatted(3)))).upgrade();

        assertThat(result.tasks()).hasSize(3);
        assertThat(db.queryOne("SELECT count(DISTINCT pid) FROM public.seen")).isEqualTo(1L);
        // the lock timeout is Upsilon's own (PostgresSettings, 5 s by default), not what the task before set
        assertThat(db.queryOne("SELECT string_agg(DISTINCT lock_timeout, ',') FROM public.seen")).isEqualTo("5s");
        assertThat(db.queryOne("SELECT max(temp_tables) + max(listening) FROM public.seen")).isEqualTo(0L);
        assertThat(db.queryOne("SELECT search_path FROM public.seen WHERE task = 1")).isEqualTo("\"$user\", public");
    }
}
