package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.LockGrant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease row with a TTL on database time, renewed by a heartbeat. Every statement is a single auto-committed
 * statement with no session state, so it works behind PgBouncer in transaction mode. A holder that stops
 * heartbeating (killed, paused, partitioned) loses the lease when it expires; its fencing token is then refused.
 */
public final class LeaseClusterLock extends AbstractPgClusterLock {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseClusterLock.class);

    private final String acquireSql;

    public LeaseClusterLock(DataSource dataSource, PostgresSettings settings, String nodeId) {
        super(dataSource, settings, nodeId);
        this.acquireSql = "INSERT INTO " + lockTable.table() + " AS l"
                + " (name, kind, token, holder, holder_pid, acquired_at, renewed_at, expires_at)"
                + " VALUES (?, 'lease', 1, ?, NULL, now(), now(), now() + make_interval(secs => ?))"
                + " ON CONFLICT (name) DO UPDATE SET kind = 'lease', token = l.token + 1, holder = EXCLUDED.holder,"
                + " holder_pid = NULL, acquired_at = now(), renewed_at = now(), expires_at = EXCLUDED.expires_at"
                + " WHERE l.holder IS NULL OR (l.expires_at IS NOT NULL AND l.expires_at < now())"
                + " RETURNING token";
    }

    @Override
    public Optional<LockGrant> acquire(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = Math.max(20, Math.min(200, settings.leaseTtl().toMillis() / 10));
        try {
            try (Connection c = dataSource.getConnection()) {
                schema.prepare(c);
            }
            while (true) {
                Optional<Long> token = tryAcquire();
                if (token.isPresent()) {
                    return Optional.of(new Grant(token.get()));
                }
                if (System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
                Thread.sleep(Math.min(pollMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("acquire the cluster lease", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<Long> tryAcquire() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(acquireSql)) {
            c.setAutoCommit(true);
            ps.setString(1, settings.lockName());
            ps.setString(2, nodeId);
            ps.setDouble(3, settings.leaseTtl().toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public String kind() {
        return "lease";
    }

    /** A held lease with its heartbeat. */
    private final class Grant implements LockGrant {
        private final long token;
        private final ScheduledExecutorService heartbeat;
        private final ScheduledFuture<?> beats;
        private volatile boolean held = true;
        private volatile long lastRenewedNanos = System.nanoTime();

        Grant(long token) {
            this.token = token;
            this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "upsilon-lease-heartbeat-" + token);
                t.setDaemon(true);
                return t;
            });
            long every = settings.heartbeat().toMillis();
            this.beats = heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            if (!held) {
                return;
            }
            long started = System.nanoTime();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE " + lockTable.table() + " SET renewed_at = now(),"
                         + " expires_at = now() + make_interval(secs => ?) WHERE name = ? AND token = ?"
                         + " AND holder IS NOT NULL")) {
                c.setAutoCommit(true);
                ps.setDouble(1, settings.leaseTtl().toMillis() / 1000.0);
                ps.setString(2, settings.lockName());
                ps.setLong(3, token);
                if (ps.executeUpdate() == 0) {
                    LOG.warn("Lease {} (token {}) was taken over by another node; this node no longer holds it",
                            settings.lockName(), token);
                    held = false;
                } else {
                    lastRenewedNanos = started;
                }
            } catch (SQLException e) {
                LOG.warn("Lease heartbeat failed: {}", e.getMessage());
                if (System.nanoTime() - lastRenewedNanos > settings.leaseTtl().toNanos()) {
                    held = false;
                }
            }
        }

        @Override
        public long fencingToken() {
            return token;
        }

        @Override
        public String holder() {
            return nodeId;
        }

        @Override
        public boolean isHeld() {
            return held && System.nanoTime() - lastRenewedNanos < settings.leaseTtl().toNanos();
        }

        @Override
        public synchronized void close() {
            if (beats.isCancelled()) {
                return;
            }
            beats.cancel(false);
            heartbeat.shutdownNow();
            held = false;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                lockTable.release(c, token);
            } catch (SQLException e) {
                // the lease simply expires if the release cannot be written
                LOG.warn("Releasing lease {} failed ({}); it expires within {} s", settings.lockName(),
                        e.getMessage(), settings.leaseTtl().toSeconds());
            }
        }
    }
}
