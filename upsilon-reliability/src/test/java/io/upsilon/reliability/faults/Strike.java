package io.upsilon.reliability.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Cuts a node off the database the way a failing network, a proxy restart or a DBA would:
 * {@code pg_terminate_backend} on every session carrying the node's application name.
 */
public final class Strike {

    private Strike() {
    }

    /** The node's sessions in {@code pg_stat_activity} right now. */
    public static int sessions(DataSource admin, String applicationName) throws SQLException {
        return run(admin, "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", applicationName);
    }

    /** Terminates every session of the node; returns how many were signalled. */
    public static int terminate(DataSource admin, String applicationName) throws SQLException {
        return run(admin, "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = ? AND pid <> pg_backend_pid()", applicationName);
    }

    private static int run(DataSource admin, String sql, String applicationName) throws SQLException {
        try (Connection c = admin.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
