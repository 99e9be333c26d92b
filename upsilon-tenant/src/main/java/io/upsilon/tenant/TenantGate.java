package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Holds a tenant's requests while its install or upgrade runs in this process, so that no request reaches a tenant
 * whose data is half way to a new version (Okapi: the tenant call comes "before any proxy requests are sent"). Other
 * tenants are never held. A request waits at most {@code maxWait}, then is refused with
 * {@link ErrorCode#NOT_READY} (HTTP 503; answer it with {@code Retry-After: }{@link #retryAfter()}).
 *
 * <pre>{@code
 * TenantGate gate = TenantGate.of(Duration.ofSeconds(10));
 * TenantModule module = gate.guard(new PgTenantModule(dataSource, "mod-x", manifest)); // init holds the tenant
 * gate.await(tenant);                                                                // before each request
 * }</pre>
 *
 * <p>The gate is per process: it holds the requests of the node that runs the tenant's init, which is the node
 * Okapi (or {@code upsilon serve}) calls. Thread-safe.
 */
public final class TenantGate {

    private final Duration maxWait;
    /** Running inits per tenant; a tenant is held while its count is above zero. Guarded by {@code this}. */
    private final Map<TenantId, Integer> running = new HashMap<>();

    private TenantGate(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /**
     * @param maxWait how long a request may wait for its tenant's init; zero refuses at once
     * @throws UpsilonException {@code BAD_INPUT} for a negative duration
     */
    public static TenantGate of(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the tenant gate's wait must not be negative, got "
                    + maxWait);
        }
        return new TenantGate(maxWait);
    }

    /** How long a request may wait. */
    public Duration maxWait() {
        return maxWait;
    }

    /** What a refused client should wait before it retries: the gate's bound, at least one second. */
    public Duration retryAfter() {
        return maxWait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : maxWait;
    }

    /** Whether the tenant is held now. */
    public synchronized boolean isHeld(TenantId tenant) {
        return running.containsKey(tenant);
    }

    /**
     * Returns once the tenant is not held, at once if it is not.
     *
     * @throws UpsilonException {@code NOT_READY} when its init is still running after the bound, or the thread is
     *                          interrupted
     */
    public synchronized void await(TenantId tenant) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (running.containsKey(tenant)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new UpsilonException(ErrorCode.NOT_READY, "tenant " + tenant + " is being initialised (its"
                        + " install or upgrade has run for more than " + maxWait.toMillis() + " ms); retry later");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpsilonException(ErrorCode.NOT_READY, "interrupted while tenant " + tenant + " was being"
                        + " initialised; retry later", e);
            }
        }
    }

    /** Runs {@code work} with the tenant held: its requests wait until {@code work} returns or throws. */
    public <T> T hold(TenantId tenant, Supplier<T> work) {
        synchronized (this) {
            running.merge(tenant, 1, Integer::sum);
        }
        try {
            return work.get();
        } finally {
            synchronized (this) {
                running.computeIfPresent(tenant, (t, n) -> n == 1 ? null : n - 1);
                notifyAll();
            }
        }
    }

    /** {@code module} with every init, disable and purge run under {@link #hold}. */
    public TenantModule guard(TenantModule module) {
        return new GatedTenantModule(module, this);
    }
}
