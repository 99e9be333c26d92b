package io.upsilon.bench;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * The peer of the copy benchmark: the fastest plain pgJDBC pipe between two databases in one JVM.
 * {@code COPY (SELECT …) TO STDOUT} on a source connection, {@code COPY t FROM STDIN} on a target connection, one
 * thread moving the bytes: each {@code CopyData} message read from the source is appended to a 256 KiB buffer that
 * is written to the target whenever it fills. The two server processes work at the same time (the source fills
 * its socket while the target parses), so the pipe is as parallel as a single JDBC client can make it. Binary
 * format by default (no number or timestamp formatting and parsing on either server); text for comparison.
 */
final class RawPipe {

    private static final int BUFFER = 256 * 1024;

    private RawPipe() {
    }

    /**
     * Copies {@code select} (a query returning the target table's columns in order) into {@code table}.
     *
     * @return the row count the target reported
     */
    static long copy(DataSource source, DataSource target, String select, String table, String columns,
                     boolean binary) throws SQLException {
        String format = binary ? " WITH (FORMAT binary)" : "";
        try (Connection src = source.getConnection(); Connection dst = target.getConnection()) {
            CopyOut out = src.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT"
                    + format);
            CopyIn in = dst.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns
                    + ") FROM STDIN" + format);
            try {
                byte[] buffer = new byte[BUFFER];
                int used = 0;
                byte[] message;
                while ((message = out.readFromCopy()) != null) {
                    if (used + message.length > buffer.length) {
                        in.writeToCopy(buffer, 0, used);
                        used = 0;
                        if (message.length > buffer.length) {
                            in.writeToCopy(message, 0, message.length);
                            continue;
                        }
                    }
                    System.arraycopy(message, 0, buffer, used, message.length);
                    used += message.length;
                }
                if (used > 0) {
                    in.writeToCopy(buffer, 0, used);
                }
                return in.endCopy();
            } catch (SQLException | RuntimeException e) {
                if (in.isActive()) {
                    in.cancelCopy();
                }
                if (out.isActive()) {
                    out.cancelCopy();
                }
                throw e;
            }
        }
    }
}
