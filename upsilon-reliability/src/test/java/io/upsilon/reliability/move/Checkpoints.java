package io.upsilon.reliability.move;

import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The migrator's checkpoints as the target stores them ({@code upsilon_migration_checkpoint}), read from outside the
 * migrator: where each entity got to, and how far the source is ahead of that.
 */
public final class Checkpoints {

    private Checkpoints() {
    }

    /**
     * One entity's checkpoint.
     *
     * @param updatedAt the update time of the last row written, in UTC to the microsecond (text order is time order);
     *                  null for a first copy's key-range checkpoint ({@code ENTITY/snapshot/...}), whose entity
     *                  name holds a slash
     * @param key       the key of that row, as the migrator stored it
     * @param rows      rows written by all runs so far (overlap re-reads included, so it only grows)
     * @param raw       the update time as stored, for queries against the source
     */
    public record Mark(String updatedAt, String key, long rows, String raw) {

        /**
         * How far this mark's update time lies before {@code earlier}'s, in milliseconds; 0 when it is not before.
         * A resumed run re-reads the overlap and stores checkpoints inside it, so a mark can move back by that much.
         */
        public long millisBefore(Mark earlier) {
            if (updatedAt == null || earlier.updatedAt == null) {
                return 0; // a first copy's key-range checkpoint: its position is the snapshot, not an update time
            }
            long micros = ChronoUnit.MICROS.between(time(), earlier.time());
            return Math.max(0, micros / 1_000);
        }

        private LocalDateTime time() {
            return LocalDateTime.parse(updatedAt.replace(' ', 'T'));
        }
    }

    /**
     * How far the source is ahead of a checkpoint.
     *
     * @param rows   source rows updated after the checkpoint's update time
     * @param millis the newest source update time minus the checkpoint's, 0 when none is newer
     */
    public record Lag(long rows, long millis) {
    }

    /** Every entity's checkpoint in the target; empty before the first page committed. */
    public static Map<String, Mark> read(TestDatabase target) {
        Map<String, Mark> marks = new LinkedHashMap<>();
        try (Connection c = target.dataSource("reliability-checkpoints").getConnection();
             Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('upsilon_migration_checkpoint') IS NOT NULL")) {
                exists = rs.next() && rs.getBoolean(1);
            }
            if (!exists) {
                return marks;
            }
            try (ResultSet rs = s.executeQuery("SELECT entity, to_char(updated_at::timestamptz AT TIME ZONE 'UTC',"
                    + " 'YYYY-MM-DD HH24:MI:SS.US'), key_values, rows_written, updated_at"
                    + " FROM upsilon_migration_checkpoint ORDER BY entity")) {
                while (rs.next()) {
                    marks.put(rs.getString(1), new Mark(rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the checkpoints: " + e.getMessage(), e);
        }
        return marks;
    }

    /** How far the source table {@code table} is ahead of {@code mark}. */
    public static Lag lag(TestDatabase source, String table, Mark mark) {
        try (Connection c = source.dataSource("reliability-lag").getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(round(extract(epoch FROM"
                     + " max(updated_at) - ?::timestamptz) * 1000), 0) FROM " + table
                     + " WHERE updated_at > ?::timestamptz")) {
            ps.setString(1, mark.raw());
            ps.setString(2, mark.raw());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Lag(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot measure the lag of " + table + ": " + e.getMessage(), e);
        }
    }
}
