package io.upsilon.reliability.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Cuts a node off the database the way a failing network, a proxy restart or a DBA would:
 * {@code pg_terminate_backend} on every session carrying the node's application name.
 *
 * <p>The lock's session goes first. Cut in the other order, the node could notice its task's connection die and
 * close the lock's session itself before the second termination reached it, and the strike would then not have cut
 * the lock at all; the node does not look at its lock's session while its task runs, so lock first is a clean cut.
 */
public final class Strike {

    /**
     * What a strike did.
     *
     * @param sessions the node's sessions when the strike began
     * @param cut      how many of them were terminated
     * @param lockCut  whether the cluster lock holder's session was among them
     */
    public record Cut(int sessions, int cut, boolean lockCut) {
    }

    private Strike() {
    }

    /** Terminates every session of node {@code nodeId} carrying {@code applicationName}, the lock holder's first. */
    public static Cut terminate(DataSource admin, String nodeId, String applicationName) throws SQLException {
        try (Connection c = admin.getConnection()) {
            Integer holderPid = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT holder_pid FROM upsilon_lock WHERE name = 'upgrade' AND holder = ?")) {
                ps.setString(1, nodeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        holderPid = rs.getInt(1);
                    }
                }
            }
            List<Integer> pids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity"
                    + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
                ps.setString(1, applicationName);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pids.add(rs.getInt(1));
                    }
                }
            }
            boolean lockCut = holderPid != null && pids.remove(holderPid) && terminate(c, holderPid);
            int cut = lockCut ? 1 : 0;
            for (int pid : pids) {
                cut += terminate(c, pid) ? 1 : 0;
            }
            return new Cut(pids.size() + (lockCut ? 1 : 0), cut, lockCut);
        }
    }

    private static boolean terminate(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
