package io.upsilon.postgres.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.LockInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;

/**
 * The lock row both lock kinds keep: the last fencing token granted, the holder, and (for leases) the expiry.
 * Liveness is judged on the database: a lease is alive until {@code expires_at} by database time; an advisory
 * holder is alive while its session still holds the advisory lock in {@code pg_locks}.
 */
final class LockTable {

    private final PostgresSettings settings;
    private final String table;
    private volatile String aliveSql;

    LockTable(PostgresSettings settings) {
        this.settings = settings;
        this.table = settings.table("lock");
    }

    /**
     * Whether the row's holder is alive, as SQL over the row {@code l}. Made on first use: the advisory key is a
     * SHA-256, and a start-up that finds nothing to do should not pay for loading the JDK's security providers.
     */
    private String aliveSql() {
        String sql = aliveSql;
        if (sql == null) {
            long key = AdvisoryKeys.key(settings, settings.lockName());
            sql = "CASE WHEN l.holder IS NULL THEN false"
                    + " WHEN l.expires_at IS NOT NULL THEN l.expires_at > now()"
                    + " ELSE EXISTS (SELECT 1 FROM pg_locks k WHERE k.locktype = 'advisory' AND k.granted"
                    + " AND k.pid = l.holder_pid AND k.classid = " + AdvisoryKeys.classId(key) + "::bigint::oid"
                    + " AND k.objid = " + AdvisoryKeys.objId(key) + "::bigint::oid AND k.objsubid = 1) END";
            aliveSql = sql;
        }
        return sql;
    }

    String table() {
        return table;
    }

    /**
     * Locks the lock row until the surrounding transaction ends and checks that {@code token} is the live holder's,
     * so no takeover can slip in between this check and the commit.
     *
     * @throws UpsilonException {@link ErrorCode#FENCED} when it is not
     */
    void checkFence(Connection connection, long token) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT l.token, " + aliveSql() + " FROM " + table
                + " l WHERE l.name = ? FOR UPDATE")) {
            ps.setString(1, settings.lockName());
            try (ResultSet rs = ps.executeQuery()) {
                long current = rs.next() ? rs.getLong(1) : 0;
                boolean alive = current != 0 && rs.getBoolean(2);
                if (current != token || !alive) {
                    throw new UpsilonException(ErrorCode.FENCED, "commit refused: fencing token " + token
                            + " is no longer the cluster lock holder's (current token " + current
                            + (alive ? "" : ", not held") + "); this node lost the lock, nothing was committed;"
                            + " run the upgrade again");
                }
            }
        }
    }

    /** The SQLSTATE {@link #fenceBlock} raises (class UF is none of PostgreSQL's). */
    static final String FENCE_REFUSED = "UF001";

    /**
     * The check of {@link #checkFence} as a {@code DO} block that raises {@link #FENCE_REFUSED}, with the same message,
     * when it fails, so that it can precede a {@code COMMIT} in one round trip: the error aborts the transaction.
     * The lock name and token are written into the block as literals ({@code DO} takes no parameters).
     */
    String fenceBlock(long token) {
        String name = "'" + settings.lockName().replace("'", "''") + "'";
        String tag = "$upsilon_fence$"; // PostgresSettings refuses lock names with a dollar sign
        return "DO " + tag + " DECLARE t bigint; a boolean; BEGIN"
                + " SELECT l.token, " + aliveSql() + " INTO t, a FROM " + table + " l WHERE l.name = " + name
                + " FOR UPDATE;"
                + " IF t IS DISTINCT FROM " + token + " OR a IS NOT TRUE THEN RAISE EXCEPTION USING ERRCODE = '"
                + FENCE_REFUSED + "', MESSAGE = 'commit refused: fencing token " + token + " is no longer the cluster"
                + " lock holder''s (current token ' || coalesce(t, 0) || CASE WHEN a THEN '' ELSE ', not held' END"
                + " || '); this node lost the lock, nothing was committed; run the upgrade again'; END IF; END " + tag;
    }

    static boolean isFenceRefusal(SQLException e) {
        return FENCE_REFUSED.equals(e.getSQLState());
    }

    /** The {@link ErrorCode#FENCED} failure for a {@link #fenceBlock} refusal, with the server's message. */
    static UpsilonException fenced(SQLException e) {
        String message = e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : e.getMessage();
        return new UpsilonException(ErrorCode.FENCED, message);
    }

    Optional<LockInfo> inspect(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT l.kind, l.holder, l.token, l.acquired_at,"
                + " l.renewed_at, l.expires_at, (extract(epoch FROM now() - l.acquired_at) * 1000)::bigint, " + aliveSql() + " FROM " + table
                + " l WHERE l.name = ?")) {
            ps.setString(1, settings.lockName());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp acquired = rs.getTimestamp(4);
                Timestamp renewed = rs.getTimestamp(5);
                Timestamp expires = rs.getTimestamp(6);
                // how long the current holder has held it; a free lock has no age
                Duration age = rs.getString(2) == null ? Duration.ZERO : Duration.ofMillis(rs.getLong(7));
                return Optional.of(new LockInfo(settings.lockName(), rs.getString(1),
                        Optional.ofNullable(rs.getString(2)), rs.getLong(3),
                        acquired == null ? null : acquired.toInstant(), renewed == null ? null : renewed.toInstant(),
                        Optional.ofNullable(expires).map(Timestamp::toInstant), age, rs.getBoolean(8)));
            }
        }
    }

    boolean releaseIfAbandoned(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " l SET holder = NULL,"
                + " holder_pid = NULL, expires_at = NULL, token = l.token + 1"
                + " WHERE l.name = ? AND l.holder IS NOT NULL AND NOT (" + aliveSql() + ")")) {
            ps.setString(1, settings.lockName());
            return ps.executeUpdate() > 0;
        }
    }

    void release(Connection connection, long token) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table
                + " SET holder = NULL, holder_pid = NULL, expires_at = NULL WHERE name = ? AND token = ?")) {
            ps.setString(1, settings.lockName());
            ps.setLong(2, token);
            ps.executeUpdate();
        }
    }
}
