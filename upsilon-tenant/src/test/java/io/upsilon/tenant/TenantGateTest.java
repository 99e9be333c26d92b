package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-tenant gate: a held tenant waits (bounded), the others pass, the hold ends however the work ends. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TenantGateTest {

    private static final TenantId A = TenantId.parse("a");
    private static final TenantId B = TenantId.parse("b");

    @Test
    void aHeldTenantWaitsUntilTheWorkEndsAndOtherTenantsPass() throws Exception {
        TenantGate gate = TenantGate.of(Duration.ofSeconds(20));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> work = CompletableFuture.supplyAsync(() -> gate.hold(A, () -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "done";
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> gate.await(A));
        gate.await(B); // returns at once: B is not held
        assertThat(gate.isHeld(B)).isFalse();
        assertThat(gate.isHeld(A)).isTrue();
        assertThat(waiting.isDone()).as("A is held until the work ends").isFalse();
        release.countDown();
        assertThat(work.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(gate.isHeld(A)).isFalse();
    }

    @Test
    void theWaitIsBoundedAndAFailedWorkStillReleasesTheTenant() {
        TenantGate gate = TenantGate.of(Duration.ofMillis(50));
        gate.hold(A, () -> {
            assertThatThrownBy(() -> gate.await(A)).isInstanceOf(UpsilonException.class)
                    .satisfies(e -> assertThat(((UpsilonException) e).code()).isEqualTo(ErrorCode.NOT_READY))
                    .hasMessageContaining("tenant a is being initialised");
            return null;
        });
        assertThatThrownBy(() -> gate.hold(A, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(gate.isHeld(A)).isFalse();
        assertThat(gate.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> TenantGate.of(Duration.ofSeconds(-1))).isInstanceOf(UpsilonException.class);
    }
}
