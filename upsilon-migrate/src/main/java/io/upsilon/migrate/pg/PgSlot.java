package io.upsilon.migrate.pg;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;

/**
 * A migration's logical replication slot ({@code pgoutput}) and the publication of its source tables, both named
 * {@link #name()}. The slot keeps every WAL segment from its confirmed position on the source's disk until it is
 * dropped: {@code migrate finish} (after the cut-over) or {@code migrate abort} drop both. The publication's comment
 * records when the slot was made, for its age.
 */
public final class PgSlot {

    private static final String CREATED = "upsilon-migrate slot created ";

    private final DataSource dataSource;
    private final String name;

    public PgSlot(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = Sql.quote(name, "slot name").replace("\"", "");
    }

    /** The slot's name, also the publication's. */
    public String name() {
        return name;
    }

    /**
     * The slot just made, and the snapshot it exported at its consistent point: valid until {@link #close()} (which
     * ends the replication session), so import it into the copy's sessions first.
     *
     * @param snapshot the exported snapshot's name
     * @param lsn      the slot's consistent point: the log is read from here on
     */
    public record Created(String snapshot, String lsn, Connection session) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } catch (SQLException ignored) {
                // the replication session ends with its connection either way
            }
        }
    }

    /**
     * What {@code migrate status} shows.
     *
     * @param exists     whether the slot exists
     * @param active     whether a reader holds it now
     * @param confirmed  its confirmed position (the log up to here is applied to the target)
     * @param lagBytes   WAL between that position and the source's current one: what the slot keeps on disk
     * @param lagChanges inserts, updates and deletes of the spec's tables waiting in that WAL; null when the slot is
     *                   held by a reader (it cannot be peeked then)
     * @param age        since the slot was made, or null if unknown
     */
    public record Status(String name, boolean exists, boolean active, String confirmed, long lagBytes, Long lagChanges,
                         Duration age) {
    }

    /** The source's {@code wal_level}. */
    public String walLevel() {
        return query("SHOW wal_level");
    }

    /** The source's current WAL position. */
    public String currentLsn() {
        return query("SELECT pg_current_wal_lsn()::text");
    }

    public boolean exists() {
        return "1".equals(query("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + name + "'"));
    }

    /**
     * Makes (or re-aims) the publication of {@code tables}, then the slot, with an exported snapshot.
     *
     * @throws UpsilonException {@code STORE_FAILURE} naming the remedy when the role may not replicate or the server
     *                          has no free slot
     */
    public Created create(Collection<String> tables, PgAddress address) {
        String list = tables.stream().map(t -> Sql.quote(t, "table")).collect(Collectors.joining(", "));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean published;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_publication WHERE pubname = '" + name + "'")) {
                rs.next();
                published = rs.getInt(1) > 0;
            }
            s.execute(published ? "ALTER PUBLICATION " + name + " SET TABLE " + list
                    : "CREATE PUBLICATION " + name + " FOR TABLE " + list);
            s.execute("COMMENT ON PUBLICATION " + name + " IS '" + CREATED + Instant.now() + "'");
        } catch (SQLException e) {
            throw failure("create publication " + name, e);
        }
        try {
            Connection session = address.replication().getConnection();
            try {
                ReplicationSlotInfo info = session.unwrap(PGConnection.class).getReplicationAPI()
                        .createReplicationSlot().logical().withSlotName(name).withOutputPlugin("pgoutput").make();
                return new Created(info.getSnapshotName(), info.getConsistentPoint().asString(), session);
            } catch (SQLException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("create replication slot " + name, e);
        }
    }

    /**
     * Drops the slot and the publication, each if it exists; returns whether there was a slot. A reader that just
     * stopped is waited for ({@link #awaitFree()}).
     *
     * @throws UpsilonException {@code STORE_FAILURE} if a reader still holds the slot
     */
    public boolean drop() {
        boolean had = awaitFree();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (had) {
                s.execute("SELECT pg_drop_replication_slot('" + name + "')");
            }
            s.execute("DROP PUBLICATION IF EXISTS " + name);
            return had;
        } catch (SQLException e) {
            throw failure("drop replication slot " + name, e);
        }
    }

    /**
     * Waits up to 10 s until no reader holds the slot (a reader that just stopped: its server process ends a moment
     * after its connection); returns whether the slot exists.
     *
     * @throws UpsilonException {@code STORE_FAILURE} if a reader still holds it then
     */
    public boolean awaitFree() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT active_pid FROM pg_replication_slots WHERE slot_name = '"
                        + name + "'")) {
                    boolean exists = rs.next();
                    if (!exists || rs.getObject(1) == null) {
                        return exists;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new UpsilonException(ErrorCode.STORE_FAILURE, "replication slot " + name + " is held by"
                                + " process " + rs.getInt(1) + " on the source; stop the migrator reading it, then"
                                + " retry");
                    }
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            throw failure("read replication slot " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "interrupted while waiting for slot " + name, e);
        }
    }

    public Status status() {
        // the insert position, not pg_current_wal_lsn() (the write position): with synchronous_commit=off a committed
        // change may still sit in the WAL buffers, and the lag must count it
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT active, confirmed_flush_lsn::text, pg_wal_lsn_diff("
                     + "pg_current_wal_insert_lsn(), coalesce(confirmed_flush_lsn, restart_lsn))::bigint,"
                     + " (SELECT obj_description(p.oid, 'pg_publication') FROM pg_publication p WHERE p.pubname ="
                     + " slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Status(name, false, false, null, 0, null, null);
                }
                boolean active = rs.getBoolean(1);
                String comment = rs.getString(4);
                Duration age = comment != null && comment.startsWith(CREATED)
                        ? Duration.between(Instant.parse(comment.substring(CREATED.length())), Instant.now()) : null;
                return new Status(name, true, active, rs.getString(2), rs.getLong(3), active ? null : pending(c), age);
            }
        } catch (SQLException e) {
            throw failure("read replication slot " + name, e);
        }
    }

    /**
     * Counts the waiting inserts, updates and deletes by their pgoutput message type (the first byte), up to the WAL
     * the server has flushed (with {@code synchronous_commit=off}, the last few hundred milliseconds may not be).
     */
    private Long pending(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM"
                + " pg_logical_slot_peek_binary_changes('" + name + "', NULL, NULL, 'proto_version', '1',"
                + " 'publication_names', '" + name + "') WHERE get_byte(data, 0) IN (73, 85, 68)")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return null; // taken by a reader between the two queries: unknown this time
        }
    }

    private String query(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw failure("query the source (" + sql + ")", e);
        }
    }

    private static UpsilonException failure(String what, SQLException e) {
        String remedy = "42501".equals(e.getSQLState())
                ? "; give the source role the REPLICATION attribute and ownership of the tables (or run as superuser)"
                : "53400".equals(e.getSQLState()) ? "; raise max_replication_slots on the source, or drop an unused slot"
                : "; check that the source database is reachable";
        return new UpsilonException(ErrorCode.STORE_FAILURE, "cannot " + what + ": " + e.getMessage() + remedy, e);
    }
}
