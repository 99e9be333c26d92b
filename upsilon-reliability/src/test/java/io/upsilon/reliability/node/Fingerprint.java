package io.upsilon.reliability.node;

import io.upsilon.testsupport.SchemaDump;
import io.upsilon.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

/**
 * The state an upgrade task may change, as text: the {@link SchemaDump}, whether each index is valid (an
 * interrupted {@code CREATE INDEX CONCURRENTLY} leaves an INVALID index that the schema dump alone would not
 * show), the row count and digest of every application table (Upsilon's own tables excluded: their rows name
 * nodes and times) and the data version. Two databases in the same state give equal fingerprints.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(TestDatabase db) {
        DataSource ds = db.dataSource();
        StringBuilder out = new StringBuilder(SchemaDump.of(ds));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 'valid ' || ic.relname || ' ' || i.indisvalid FROM pg_index i"
                    + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace"
                    + " WHERE n.nspname = 'public' ORDER BY 1")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
                    + " AND c.relname NOT LIKE 'upsilon\\_%' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, '|'"
                        + " ORDER BY t::text)), '') FROM \"" + table + "\" t")) {
                    rs.next();
                    out.append("data ").append(table).append(' ').append(rs.getLong(1)).append(' ')
                            .append(rs.getString(2)).append('\n');
                }
            }
            out.append("data_version ").append(dataVersion(s)).append('\n');
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fingerprint " + db.name() + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** The data version, or null before Upsilon's tables exist. */
    private static String dataVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('upsilon_data_version') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT version FROM upsilon_data_version")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The lines of {@code actual} missing from {@code expected} and the reverse, at most five of each. */
    public static String diff(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        return "missing " + want.stream().filter(l -> !got.contains(l)).limit(5).toList()
                + ", unexpected " + got.stream().filter(l -> !want.contains(l)).limit(5).toList();
    }

    /** A short hash of a fingerprint, for reports. */
    public static String hash(String fingerprint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
