package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceDrain;
import io.upsilon.MaintenanceGate;
import io.upsilon.NodeState;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRecord;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The maintenance window: the gate holds new work for a bounded time, and a drain waits for in-flight work. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaintenanceIT {

    private PostgresBackend backend;
    private MaintenanceStore store;

    @BeforeEach
    void setUp() {
        TestDatabase db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource());
        store = backend.maintenance();
    }

    private MaintenanceGate gate(Duration maxWait) {
        // a long poll: the gate must react to the NOTIFY, not to polling
        return MaintenanceGate.create(store, backend.feed(), maxWait, Duration.ofSeconds(10)).start();
    }

    @Test
    void theWindowIsAFlagWithReasonWhoAndSince() {
        assertThat(store.current()).isEmpty();
        MaintenanceWindow w = store.enter("final catch-up", "alice");
        assertThat(w.reason()).isEqualTo("final catch-up");
        assertThat(w.who()).isEqualTo("alice");
        assertThat(store.enter("again", "bob")).isEqualTo(w); // entering twice keeps the first window
        assertThat(store.exit()).isTrue();
        assertThat(store.exit()).isFalse();
        assertThat(store.current()).isEmpty();
    }

    @Test
    void workWaitsAndProceedsWhenTheWindowClosesInTime() throws Exception {
        try (MaintenanceGate gate = gate(Duration.ofSeconds(20))) {
            assertThat(gate.await()).isZero();
            store.enter("cut-over", "test");
            waitUntil(() -> gate.window().isPresent());
            CompletableFuture<Duration> work = CompletableFuture.supplyAsync(() -> {
                try {
                    return gate.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(work).isNotDone();
            store.exit();
            Duration held = work.get(10, TimeUnit.SECONDS);
            assertThat(held).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            System.out.printf("work held %d ms by the maintenance window%n", held.toMillis());
        }
    }

    @Test
    void workIsRefusedAfterTheBound() throws Exception {
        try (MaintenanceGate gate = gate(Duration.ofMillis(300))) {
            store.enter("long migration", "test");
            waitUntil(() -> gate.window().isPresent());
            assertThatThrownBy(gate::await).isInstanceOfSatisfying(UpsilonException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MAINTENANCE);
                assertThat(e.code().httpStatus()).isEqualTo(503);
            }).hasMessageContaining("long migration");
            assertThat(gate.retryAfter()).isEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void aDrainWaitsForInFlightWork() throws Exception {
        UpsilonNode node = UpsilonNode.builder(Nodes.config(backend, LockKind.ADVISORY, "worker",
                        Tasks.manifest(Tasks.sql("1.0", "t", "SELECT 1"))).build())
                .registry(backend.nodes()).feed(backend.feed()).heartbeat(Duration.ofMillis(100))
                .ttl(Duration.ofSeconds(5)).build().start();
        try (node) {
            assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
            UpsilonNode.Work work = node.beginWork();
            MaintenanceWindow window = store.enter("drain test", "test");
            MaintenanceDrain.Result busy = MaintenanceDrain.await(backend.nodes(), window, Duration.ofMillis(600),
                    Duration.ofMillis(50));
            assertThat(busy.drained()).isFalse();
            assertThat(busy.busy()).extracting(NodeRecord::nodeId).containsExactly("worker");
            work.close();
            MaintenanceDrain.Result drained = MaintenanceDrain.await(backend.nodes(), window, Duration.ofSeconds(10),
                    Duration.ofMillis(50));
            assertThat(drained.drained()).isTrue();
            assertThat(node.inFlight()).isZero();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
