package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceGate;
import io.upsilon.UpsilonException;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A retired cluster's window (reason {@code moved}): it replaces an open window without closing it, keeps its
 * opening time, refuses a plain exit, releases waiting work as MOVED at once, and works on a table made before the
 * {@code location} column existed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetiredClusterIT {

    private static final String LOCATION = "https://b.example/api";

    @Test
    void retiringTurnsTheOpenWindowIntoAMovedOneThatOnlyAForcedExitCloses() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        MaintenanceStore store = backend.maintenance();
        MaintenanceWindow opened = store.enter("side-by-side cut-over", "upsilon migrate");
        db.execute("ALTER TABLE upsilon_maintenance DROP COLUMN location"); // as made by an older release
        assertThat(store.current()).hasValue(opened);

        try (MaintenanceGate gate = MaintenanceGate.create(store, backend.feed(), Duration.ofSeconds(30),
                Duration.ofSeconds(10)).start()) {
            CompletableFuture<Duration> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return gate.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(held).isNotDone();
            MaintenanceWindow retired = store.retire("upsilon migrate", LOCATION);

            assertThat(retired.moved()).isTrue();
            assertThat(retired.location()).isEqualTo(LOCATION);
            assertThat(retired.since()).as("the window never closed").isEqualTo(opened.since());
            assertThatThrownBy(() -> held.get(5, TimeUnit.SECONDS)).as("released by the NOTIFY, well before 30 s")
                    .hasCauseInstanceOf(UpsilonException.class).cause().hasMessageContaining(LOCATION);
            assertThatThrownBy(gate::await).isInstanceOfSatisfying(UpsilonException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MOVED));
        }
        assertThatThrownBy(() -> store.exit(false)).isInstanceOfSatisfying(UpsilonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
            assertThat(e.getMessage()).contains(LOCATION, "upsilon maintenance exit --yes");
        });
        assertThat(store.current()).hasValueSatisfying(w -> assertThat(w.moved()).isTrue());
        assertThat(store.exit(true)).isTrue();
        assertThat(store.current()).isEmpty();
        assertThat(store.exit(false)).as("nothing open").isFalse();

        store.enter("maintenance", "alice");
        assertThat(store.exit(false)).as("an ordinary window closes without force").isTrue();
    }
}
