package io.upsilon.postgres.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.DataVersionState;
import io.upsilon.spi.ReleaseRecord;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskSessions;
import io.upsilon.spi.TaskStatus;
import io.upsilon.spi.VersionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The data version, the upgrade history and the release history in PostgreSQL tables. The short statements of a
 * node that is not serving yet (reading the data version, preparing the tables, its release-history row) run on the
 * connection its registry keeps, when one is idle ({@link KeptConnection#borrow}); everything else, and everything
 * once no connection is kept, on a connection of its own.
 */
public final class PgVersionStore implements VersionStore {

    private final DataSource dataSource;
    private final KeptConnection kept;
    private final PostgresSettings settings;
    private final PgSchema schema;
    private final String versionSql;
    private final String stateSql;

    public PgVersionStore(DataSource dataSource, PostgresSettings settings) {
        this(dataSource, settings, new KeptConnection(dataSource));
    }

    /** {@code kept}: the connection the backend's node registry keeps, borrowed for short statements when idle. */
    public PgVersionStore(DataSource dataSource, PostgresSettings settings, KeptConnection kept) {
        this.dataSource = dataSource;
        this.kept = kept;
        this.settings = settings;
        this.schema = new PgSchema(settings);
        this.versionSql = "SELECT version FROM " + settings.table("data_version") + " WHERE id = 1";
        this.stateSql = "SELECT version, manifest_digest FROM " + settings.table("data_version") + " WHERE id = 1";
    }

    @Override
    public void prepare() {
        try {
            kept.borrow(c -> {
                schema.prepare(c);
                return null;
            });
        } catch (SQLException e) {
            throw storeFailure("create Upsilon's tables", e);
        }
    }

    @Override
    public Optional<Version> dataVersion() {
        try {
            return kept.borrow(c -> {
                try (PreparedStatement ps = c.prepareStatement(versionSql); ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Version.parse(rs.getString(1))) : Optional.<Version>empty();
                }
            });
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return Optional.empty();
            }
            throw storeFailure("read the data version", e);
        }
    }

    /** One primary-key read, as {@link #dataVersion()}; a store created before the digest column has no digest. */
    @Override
    public DataVersionState dataVersionState() {
        try {
            return kept.borrow(c -> {
                try (PreparedStatement ps = c.prepareStatement(stateSql); ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new DataVersionState(Optional.of(Version.parse(rs.getString(1))),
                            Optional.ofNullable(rs.getString(2)))
                            : new DataVersionState(Optional.empty(), Optional.empty());
                }
            });
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return new DataVersionState(Optional.empty(), Optional.empty());
            }
            if (SqlStates.isMissingColumn(e)) {
                return new DataVersionState(dataVersion(), Optional.empty());
            }
            throw storeFailure("read the data version", e);
        }
    }

    @Override
    public void recordManifestDigest(Version version, String digest) {
        try (Connection c = dataSource.getConnection()) {
            schema.prepare(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + settings.table("data_version")
                    + " SET manifest_digest = ? WHERE id = 1 AND version = ?")) {
                ps.setString(1, digest);
                ps.setString(2, version.toString());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw storeFailure("record the manifest digest", e);
        }
    }

    @Override
    public void baseline(List<TaskRecord> rows, Version version, long fencingToken) {
        new PgHistoryRepairs(dataSource, settings).baseline(rows, version, fencingToken);
    }

    @Override
    public void repair(Map<Long, String> checksums, Collection<Long> removedRows, long fencingToken) {
        new PgHistoryRepairs(dataSource, settings).repair(checksums, removedRows, fencingToken);
    }

    @Override
    public List<TaskRecord> history() {
        List<TaskRecord> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, version, task, checksum, status, node_id,"
                     + " fencing_token, started_at, finished_at, error FROM " + settings.table("history")
                     + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp finished = rs.getTimestamp(9);
                rows.add(new TaskRecord(rs.getLong(1), Version.parse(rs.getString(2)), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)), TaskStatus.valueOf(rs.getString(5)), rs.getString(6),
                        rs.getLong(7), rs.getTimestamp(8).toInstant(),
                        Optional.ofNullable(finished).map(Timestamp::toInstant), Optional.ofNullable(rs.getString(10))));
            }
            return rows;
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return List.of();
            }
            throw storeFailure("read the upgrade history", e);
        }
    }

    /** Inserts one row in auto-commit mode, creating the tables first if a store older than the table lacks them. */
    @Override
    public void recordRelease(Version software, Optional<Version> data, String nodeId) {
        try (Connection c = dataSource.getConnection()) {
            schema.prepare(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + settings.table("release_history")
                    + " (software_version, data_version, node_id) VALUES (?, ?, ?)")) {
                ps.setString(1, software.toString());
                ps.setString(2, data.map(Version::toString).orElse(null));
                ps.setString(3, nodeId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw storeFailure("record release " + software + " in the release history", e);
        }
    }

    /**
     * One transaction behind a transaction-scoped advisory lock, so that the nodes of one release that turn READY
     * together append one row; versions compare in Java (text order is not version order). A read without the lock
     * comes first: once the history ends at this release or a later one (the common case: another node of the
     * release recorded it), that is the answer, and the hundred nodes of a release do not queue one by one behind
     * the lock, the upgrading node among them, at the instant they all turn READY. The tables are prepared only
     * when that read finds no release history table.
     */
    @Override
    public boolean recordReleaseIfNewer(Version release, Optional<Version> data, String nodeId) {
        try {
            return kept.borrow(c -> {
                Optional<Boolean> newer = newerThanLastIfTable(c, release);
                if (newer.isPresent() && !newer.get()) {
                    return false;
                }
                if (newer.isEmpty()) {
                    schema.prepare(c);
                }
                c.setAutoCommit(false);
                try {
                    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock("
                            + AdvisoryKeys.key(settings, "release_history") + ")")) {
                        lock.execute();
                    }
                    boolean append = newerThanLast(c, release);
                    if (append) {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO "
                                + settings.table("release_history") + " (software_version, data_version, node_id)"
                                + " VALUES (?, ?, ?)")) {
                            ps.setString(1, release.toString());
                            ps.setString(2, data.map(Version::toString).orElse(null));
                            ps.setString(3, nodeId);
                            ps.executeUpdate();
                        }
                    }
                    c.commit();
                    c.setAutoCommit(true); // a failure instead closes the connection (KeptConnection)
                    return append;
                } catch (SQLException e) {
                    try {
                        c.rollback();
                    } catch (SQLException r) {
                        e.addSuppressed(r);
                    }
                    throw e;
                }
            });
        } catch (SQLException e) {
            throw storeFailure("record release " + release + " in the release history", e);
        }
    }

    /** {@link #newerThanLast}, or empty when there is no release history table yet (the caller prepares it). */
    private Optional<Boolean> newerThanLastIfTable(Connection c, Version release) throws SQLException {
        try {
            return Optional.of(newerThanLast(c, release));
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Whether the release history is empty or ends at a release before {@code release}. */
    private boolean newerThanLast(Connection c, Version release) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT software_version FROM "
                + settings.table("release_history") + " ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return !rs.next() || Version.parse(rs.getString(1)).isBefore(release);
        }
    }

    @Override
    public List<ReleaseRecord> releases() {
        List<ReleaseRecord> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, software_version, data_version, node_id,"
                     + " recorded_at FROM " + settings.table("release_history") + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new ReleaseRecord(rs.getLong(1), Version.parse(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)).map(Version::parse), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
            }
            return rows;
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return List.of();
            }
            throw storeFailure("read the release history", e);
        }
    }

    @Override
    public StoreSession open(boolean transactional) {
        // a run of one: the session's connection is closed with it
        return new PgTaskSessions(dataSource, settings, false).open(transactional);
    }

    /** One connection for the whole run, reset between tasks; see {@link PgTaskSessions}. */
    @Override
    public TaskSessions sessions() {
        return new PgTaskSessions(dataSource, settings, true);
    }

    static UpsilonException storeFailure(String what, SQLException e) {
        return new UpsilonException(ErrorCode.STORE_FAILURE, "cannot " + what + ": " + e.getMessage()
                + " (SQLSTATE " + e.getSQLState() + "); check that the database is reachable and the user may"
                + " write the schema", e);
    }
}
