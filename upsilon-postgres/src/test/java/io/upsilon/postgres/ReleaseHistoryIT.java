package io.upsilon.postgres;

import static io.upsilon.postgres.Nodes.v;
import static io.upsilon.postgres.Tasks.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Manifest;
import io.upsilon.UpgradeResult.Outcome;
import io.upsilon.Upsilon;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.ReleaseRecord;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.VersionStore;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine appends to the release history when an upgrade or downgrade completes, and only then. */
class ReleaseHistoryIT {

    private TestDatabase db;
    private PostgresBackend backend;

    private final Manifest manifest = Tasks.manifest(
            sql("1.0.0", "create-transfers", "CREATE TABLE transfers (id bigint PRIMARY KEY)", "DROP TABLE transfers"),
            sql("1.0.1", "add-quote-id", "ALTER TABLE transfers ADD COLUMN quote_id text",
                    "ALTER TABLE transfers DROP COLUMN quote_id"));

    @BeforeEach
    void freshDatabase() {
        db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource());
    }

    private Upsilon node(String id, String software, VersionStore store) {
        return Upsilon.create(Nodes.config(backend, LockKind.ADVISORY, id, manifest).store(store)
                .softwareVersion(v(software)).build());
    }

    private static List<String> releases(VersionStore store) {
        return store.releases().stream().map(r -> r.softwareVersion() + "@" + r.dataVersion().map(Version::toString)
                .orElse("none") + " by " + r.nodeId()).toList();
    }

    @Test
    void upgradesAndDowngradesAreRecordedButNothingToDoIsNot() {
        VersionStore store = backend.store();
        assertThat(node("a", "1.0.0", store).upgrade().outcome()).isEqualTo(Outcome.UPGRADED);
        assertThat(node("b", "1.0.0", store).upgrade().outcome()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(node("c", "1.0.2", store).upgrade().outcome()).isEqualTo(Outcome.UPGRADED);
        assertThat(node("d", "1.0.2", store).upgrade().outcome()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(node("e", "1.0.2", store).migrateTo(v("1.0.0")).outcome()).isEqualTo(Outcome.DOWNGRADED);
        assertThat(releases(store)).containsExactly("1.0.0@1.0.0 by a", "1.0.2@1.0.1 by c", "1.0.0@1.0.0 by e");
        assertThat(store.releases()).extracting(ReleaseRecord::id).isSorted();
    }

    @Test
    void aStoreThatCannotRecordTheReleaseNeverFailsTheUpgrade() {
        VersionStore failing = new Delegate(backend.store()) {
            @Override
            public void recordRelease(Version software, Optional<Version> data, String nodeId) {
                throw new IllegalStateException("release history is down");
            }
        };
        assertThat(node("a", "1.0.1", failing).upgrade().outcome()).isEqualTo(Outcome.UPGRADED);
        assertThat(backend.store().dataVersion()).contains(v("1.0.1"));
        assertThat(backend.store().releases()).isEmpty();
    }

    @Test
    void aDatabasePreparedBeforeTheTableExistedGetsItOnTheNextUpgrade() {
        backend.store().prepare();
        db.execute("DROP TABLE upsilon_release_history");
        assertThat(backend.store().releases()).isEmpty();
        node("a", "1.0.1", backend.store()).upgrade();
        assertThat(releases(backend.store())).containsExactly("1.0.1@1.0.1 by a");
    }

    /** Passes everything to another store. */
    private static class Delegate implements VersionStore {
        private final VersionStore inner;

        Delegate(VersionStore inner) {
            this.inner = inner;
        }

        @Override
        public void prepare() {
            inner.prepare();
        }

        @Override
        public Optional<Version> dataVersion() {
            return inner.dataVersion();
        }

        @Override
        public List<TaskRecord> history() {
            return inner.history();
        }

        @Override
        public StoreSession open(boolean transactional) {
            return inner.open(transactional);
        }
    }
}
