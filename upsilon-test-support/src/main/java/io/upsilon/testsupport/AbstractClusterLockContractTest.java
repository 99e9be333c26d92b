package io.upsilon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.LockInfo;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link ClusterLock} passes, through a thin subclass that says how to make a lock. Each call of
 * {@link #lock(String)} makes the lock object of one node; all of them guard the same cluster lock.
 */
public abstract class AbstractClusterLockContractTest {

    /** A lock object for node {@code nodeId}; every call within one test guards the same lock. */
    protected abstract ClusterLock lock(String nodeId);

    @Test
    void grantsAndReleases() {
        ClusterLock lock = lock("a");
        LockGrant grant = lock.acquire(Duration.ofSeconds(5)).orElseThrow();
        assertThat(grant.isHeld()).isTrue();
        assertThat(grant.holder()).isEqualTo("a");
        grant.close();
        assertThat(grant.isHeld()).isFalse();
        grant.close(); // closing twice does nothing
        lock.acquire(Duration.ofSeconds(5)).orElseThrow().close();
    }

    @Test
    void secondNodeIsRefusedWhileTheFirstHoldsIt() {
        try (LockGrant held = lock("a").acquire(Duration.ofSeconds(5)).orElseThrow()) {
            assertThat(lock("b").acquire(Duration.ZERO)).isEmpty();
            assertThat(lock("b").acquire(Duration.ofMillis(300))).isEmpty();
            assertThat(held.isHeld()).isTrue();
        }
        try (LockGrant next = lock("b").acquire(Duration.ofSeconds(5)).orElseThrow()) {
            assertThat(next.holder()).isEqualTo("b");
        }
    }

    @Test
    void fencingTokensIncreaseWithEveryGrant() {
        long previous = 0;
        for (int i = 0; i < 5; i++) {
            try (LockGrant grant = lock("n" + i).acquire(Duration.ofSeconds(5)).orElseThrow()) {
                assertThat(grant.fencingToken()).isGreaterThan(previous);
                previous = grant.fencingToken();
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWaiterGetsTheLockOnceItIsReleased() throws Exception {
        LockGrant first = lock("a").acquire(Duration.ofSeconds(5)).orElseThrow();
        CompletableFuture<Optional<LockGrant>> waiter = CompletableFuture.supplyAsync(
                () -> lock("b").acquire(Duration.ofSeconds(20)));
        Thread.sleep(300);
        assertThat(waiter).isNotDone();
        first.close();
        try (LockGrant second = waiter.get(20, TimeUnit.SECONDS).orElseThrow()) {
            assertThat(second.holder()).isEqualTo("b");
            assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        }
    }

    @Test
    void inspectShowsTheHolderAndItsToken() {
        ClusterLock lock = lock("a");
        try (LockGrant grant = lock.acquire(Duration.ofSeconds(5)).orElseThrow()) {
            LockInfo info = lock("observer").inspect().orElseThrow();
            assertThat(info.holder()).contains("a");
            assertThat(info.token()).isEqualTo(grant.fencingToken());
            assertThat(info.alive()).isTrue();
            assertThat(info.kind()).isEqualTo(lock.kind());
        }
        LockInfo released = lock("observer").inspect().orElseThrow();
        assertThat(released.holder()).isEmpty();
        assertThat(released.alive()).isFalse();
    }

    @Test
    void aLiveHolderIsNeverClearedAsAbandoned() {
        try (LockGrant grant = lock("a").acquire(Duration.ofSeconds(5)).orElseThrow()) {
            assertThat(lock("operator").releaseIfAbandoned()).isFalse();
            assertThat(lock("b").acquire(Duration.ZERO)).isEmpty();
            assertThat(lock("observer").inspect().orElseThrow().token()).isEqualTo(grant.fencingToken());
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fuzzManyThreadsIncrementingAPlainCounterLoseNothing() throws Exception {
        int threads = 6;
        int rounds = 25;
        FuzzTester.Result result = new FuzzTester(this::lock, threads, rounds).run();
        assertThat(result.counter()).isEqualTo(threads * rounds);
        assertThat(new HashSet<>(result.tokens())).as("every grant has its own token").hasSize(threads * rounds);
    }
}
