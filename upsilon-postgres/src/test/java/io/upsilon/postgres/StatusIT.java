package io.upsilon.postgres;

import static io.upsilon.postgres.Nodes.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Manifest;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonStatus;
import io.upsilon.ValidationIssue;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Upsilon#status}: the data version against a target, the pending tasks, the lock and the drift, in one read. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusIT {

    @TempDir
    Path dir;

    private Manifest manifest() throws Exception {
        return Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader());
    }

    @Test
    void pendingThenUpToDateThenAheadWithTheDriftOfAnEditedScript() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Files.writeString(dir.resolve("a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("upsilon.tasks"), "1.0\n  - a.sql\n1.1\n  - b.sql\n");
        Upsilon upsilon = Nodes.node(db, "n", manifest());

        UpsilonStatus fresh = upsilon.status(v("1.1"));
        assertThat(fresh.state()).isEqualTo(UpsilonStatus.State.PENDING);
        assertThat(fresh.dataVersion()).isEmpty();
        assertThat(fresh.pending()).extracting(t -> t.definition().name()).containsExactly("a.sql", "b.sql");
        assertThat(fresh.lock()).as("never taken").isEmpty();
        assertThat(fresh.issues()).isEmpty();

        upsilon.migrateTo(v("1.1"));
        UpsilonStatus done = upsilon.status(v("1.1"));
        assertThat(done.state()).isEqualTo(UpsilonStatus.State.UP_TO_DATE);
        assertThat(done.dataVersion()).contains(v("1.1"));
        assertThat(done.pending()).isEmpty();
        assertThat(done.lock()).as("taken by the upgrade").isPresent();

        UpsilonStatus behind = upsilon.status(v("1.0"));
        assertThat(behind.state()).isEqualTo(UpsilonStatus.State.AHEAD);
        assertThat(behind.pending()).isEmpty();

        Files.writeString(dir.resolve("b.sql"), "CREATE TABLE b (id bigint);");
        UpsilonStatus edited = Nodes.node(db, "n", manifest()).status(v("1.1"));
        assertThat(edited.checksumDrift()).extracting(ValidationIssue::task).containsExactly("b.sql");
        assertThat(edited.issues()).hasSize(1);
    }
}
