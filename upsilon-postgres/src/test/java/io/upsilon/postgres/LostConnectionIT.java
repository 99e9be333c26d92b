package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A task whose connection the server ends (here by {@code pg_terminate_backend} on its own session) fails with an
 * error that says the connection was lost, keeps nothing of its work, and a later run completes.
 */
class LostConnectionIT {

    @Test
    void aTaskWhoseSessionIsTerminatedFailsSayingTheConnectionWasLost() {
        TestDatabase db = PostgresFixture.newDatabase();
        assertThatThrownBy(() -> Nodes.node(db, "cut", Tasks.manifest(Tasks.sql("1.0", "cut",
                "CREATE TABLE half (id int); SELECT pg_terminate_backend(pg_backend_pid())"))).upgrade())
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED))
                .hasMessageContaining("its work was rolled back")
                .hasMessageContaining("connection was lost").hasMessageContaining("then run the upgrade again");
        assertThat(db.queryOne("SELECT count(*) FROM pg_tables WHERE tablename = 'half'")).isEqualTo(0L);
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isNull();

        Nodes.node(db, "next", Tasks.manifest(Tasks.sql("1.0", "cut", "CREATE TABLE half (id int)"))).upgrade();
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("1.0");
    }
}
