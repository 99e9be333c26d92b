package io.upsilon.postgres.internal;

import io.upsilon.CompatibilityWindow;
import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The node table. Liveness is judged on database time ({@code heartbeat_at + ttl < now()}), so clock skew between
 * nodes does not matter. Sessions are tagged by node id through {@code application_name} ({@code upsilon:ID}).
 *
 * <p>A node that is not serving yet keeps the connection of its registration and heartbeats ({@link KeptConnection})
 * until it is READY: its fence check just before READY is then one statement, not a new session, when a hundred
 * nodes hear of the same data version at once. A serving node's heartbeat opens a connection per beat and closes it.
 * The backend's version store and advisory lock use the kept connection too while there is one (a waiting node's
 * data-version reads and lock attempts, its release-history row): see {@link KeptConnection}.
 */
public final class PgNodeRegistry implements NodeRegistry {

    /** The {@code application_name} prefix that tags a node's database sessions. */
    public static final String SESSION_TAG = "upsilon:";

    private final DataSource dataSource;
    private final KeptConnection kept;
    private final PgSchema schema;
    private final String table;
    private final String fence;

    public PgNodeRegistry(DataSource dataSource, PostgresSettings settings) {
        this(dataSource, settings, new KeptConnection(dataSource));
    }

    /** {@code kept} is shared with the backend's version store and advisory lock, which borrow what it keeps. */
    public PgNodeRegistry(DataSource dataSource, PostgresSettings settings, KeptConnection kept) {
        this.dataSource = dataSource;
        this.kept = kept;
        this.schema = new PgSchema(settings);
        this.table = settings.table("node");
        this.fence = settings.table("fence");
    }

    @Override
    public void register(String nodeId, String host, Version softwareVersion, NodeState state, Duration ttl) {
        register(nodeId, host, softwareVersion, state, ttl, null);
    }

    @Override
    public void register(String nodeId, String host, Version softwareVersion, NodeState state, Duration ttl,
                         CompatibilityWindow serves) {
        try {
            kept.run(waiting(state), c -> {
                register(c, nodeId, host, softwareVersion, state, ttl, serves);
                return null;
            });
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("register node " + nodeId, e);
        }
    }

    /** Whether a node in {@code state} is still to serve, and so keeps its connection for its next statement. */
    private static boolean waiting(NodeState state) {
        return state != NodeState.READY && state != NodeState.FENCED;
    }

    private void register(Connection c, String nodeId, String host, Version softwareVersion, NodeState state,
                          Duration ttl, CompatibilityWindow serves) throws SQLException {
        schema.prepare(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (node_id, host, software_version,"
                + " state, in_flight, started_at, heartbeat_at, ttl_ms, fenced, serves) VALUES (?, ?, ?, ?, 0, now(),"
                + " now(), ?, false, ?) ON CONFLICT (node_id) DO UPDATE SET host = EXCLUDED.host, software_version ="
                + " EXCLUDED.software_version, state = EXCLUDED.state, in_flight = 0, started_at = now(),"
                + " heartbeat_at = now(), ttl_ms = EXCLUDED.ttl_ms, fenced = false, serves = EXCLUDED.serves")) {
            ps.setString(1, nodeId);
            ps.setString(2, host);
            ps.setString(3, softwareVersion.toString());
            ps.setString(4, state.name());
            ps.setLong(5, ttl.toMillis());
            ps.setString(6, serves == null ? null : String.join(",", serves.versions().stream()
                    .map(Version::toString).toList()));
            ps.executeUpdate();
        }
    }

    @Override
    public boolean heartbeat(String nodeId, NodeState state, int inFlight) {
        // the fence floor outlives any one node: a fenced version that restarts, under any id, is fenced again
        try {
            return kept.run(waiting(state), c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = ?, in_flight = ?,"
                        + " heartbeat_at = now() WHERE node_id = ? RETURNING fenced, software_version,"
                        + " (SELECT below FROM " + fence + " WHERE id = 1)")) {
                    ps.setString(1, state.name());
                    ps.setInt(2, inFlight);
                    ps.setString(3, nodeId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && fenced(rs);
                    }
                }
            });
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("renew node " + nodeId, e);
        }
    }

    /** One read on the kept connection while there is one: no row version, no commit to flush. */
    @Override
    public boolean fenced(String nodeId) {
        try {
            return kept.borrow(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT fenced, software_version, (SELECT below FROM "
                        + fence + " WHERE id = 1) FROM " + table + " WHERE node_id = ?")) {
                    ps.setString(1, nodeId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && fenced(rs);
                    }
                }
            });
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("read whether node " + nodeId + " is fenced", e);
        }
    }

    /** The row's fenced mark, or its software version (column 2) below the fence floor (column 3). */
    private static boolean fenced(ResultSet rs) throws SQLException {
        String below = rs.getString(3);
        return rs.getBoolean(1) || below != null && Version.parse(rs.getString(2)).isBefore(Version.parse(below));
    }

    @Override
    public List<NodeRecord> nodes() {
        List<NodeRecord> nodes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT node_id, host, software_version, state, in_flight,"
                    + " started_at, heartbeat_at, ttl_ms, fenced, heartbeat_at + ttl_ms * interval '1 millisecond'"
                    + " < now() FROM " + table + " ORDER BY started_at, node_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new NodeRecord(rs.getString(1), rs.getString(2), Version.parse(rs.getString(3)),
                            NodeState.valueOf(rs.getString(4)), rs.getInt(5), rs.getTimestamp(6).toInstant(),
                            rs.getTimestamp(7).toInstant(), Duration.ofMillis(rs.getLong(8)), rs.getBoolean(9),
                            rs.getBoolean(10)));
                }
            }
            return nodes;
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return List.of();
            }
            throw PgVersionStore.storeFailure("list the nodes", e);
        }
    }

    @Override
    public List<NodeRecord> fenceBelow(Version version) {
        // versions order numerically, which SQL text comparison cannot do: choose in Java, mark by id
        List<NodeRecord> older = nodes().stream().filter(n -> n.softwareVersion().isBefore(version)).toList();
        try (Connection c = dataSource.getConnection()) {
            schema.prepare(c);
            raiseFloor(c, version);
            if (!older.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET fenced = true"
                        + " WHERE node_id = ANY (?)")) {
                    ps.setArray(1, c.createArrayOf("text", older.stream().map(NodeRecord::nodeId).toArray()));
                    ps.executeUpdate();
                }
            }
            return older;
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("fence nodes below " + version, e);
        }
    }

    /** Keeps the highest fence floor ever set: fencing never lets an older version back in. */
    private void raiseFloor(Connection c, Version version) throws SQLException {
        String current = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT below FROM " + fence + " WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                current = rs.getString(1);
            }
        }
        if (current == null || Version.parse(current).isBefore(version)) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + fence + " (id, below, since) VALUES (1, ?,"
                    + " now()) ON CONFLICT (id) DO UPDATE SET below = EXCLUDED.below, since = now()")) {
                ps.setString(1, version.toString());
                ps.executeUpdate();
            }
        }
    }

    @Override
    public int terminateSessions(Collection<String> nodeIds) {
        if (nodeIds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND application_name = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", nodeIds.stream().map(id -> SESSION_TAG + id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("terminate the sessions of " + nodeIds, e);
        }
    }

    @Override
    public Optional<Version> fenceFloor() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT below FROM " + fence + " WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(Version.parse(rs.getString(1))) : Optional.empty();
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return Optional.empty();
            }
            throw PgVersionStore.storeFailure("read the fence floor", e);
        }
    }

    /** One transaction: the floor and the marks go together, so no node sees one without the other. */
    @Override
    public boolean clearFence() {
        try (Connection c = dataSource.getConnection()) {
            schema.prepare(c);
            c.setAutoCommit(false);
            try (PreparedStatement floor = c.prepareStatement("DELETE FROM " + fence + " WHERE id = 1");
                 PreparedStatement marks = c.prepareStatement("UPDATE " + table + " SET fenced = false WHERE fenced")) {
                boolean had = floor.executeUpdate() > 0;
                marks.executeUpdate();
                c.commit();
                return had;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("clear the fence floor", e);
        }
    }

    /** Windows compare as versions in Java ({@code 1.0 == 1.0.0}); the sessions end in one statement. */
    @Override
    public List<String> terminateSessionsOutside(Version dataVersion) {
        List<String> outside = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT node_id, serves FROM " + table + " WHERE serves"
                    + " IS NOT NULL AND serves <> '' AND heartbeat_at + ttl_ms * interval '1 millisecond' >= now()");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean holds = Arrays.stream(rs.getString(2).split(",")).map(Version::parse)
                            .anyMatch(v -> v.compareTo(dataVersion) == 0);
                    if (!holds) {
                        outside.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return List.of();
            }
            throw PgVersionStore.storeFailure("list the nodes outside data version " + dataVersion, e);
        }
        terminateSessions(outside);
        return outside;
    }

    /** The database's {@code now()}: the clock {@link #nodes()} decides gone on. */
    @Override
    public Instant now() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT now()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("read the database's clock", e);
        }
    }

    @Override
    public int pruneGone(Duration goneFor) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE heartbeat_at"
                     + " + (ttl_ms + ?) * interval '1 millisecond' < now()")) {
            ps.setLong(1, goneFor.toMillis());
            return ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return 0;
            }
            throw PgVersionStore.storeFailure("prune gone nodes", e);
        }
    }

    @Override
    public void deregister(String nodeId) {
        kept.release();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE node_id = ?")) {
            ps.setString(1, nodeId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("deregister node " + nodeId, e);
        }
    }
}
