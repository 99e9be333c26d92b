package io.upsilon.migrate.pg;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;

/**
 * Where a PostgreSQL store's sessions go, for the sessions change capture opens beside its pool: a replication
 * session (to create a slot) and the log reader's own. The password stays in memory, never in a message.
 *
 * @param host     the server's host
 * @param port     its port
 * @param database the database
 * @param user     the user
 * @param password the password, or null
 * @param url      the data source's full URL (its connection properties, such as {@code sslmode}, with it)
 */
public record PgAddress(String host, int port, String database, String user, String password, String url) {

    /**
     * The address of a store's data source: a pgJDBC data source, or a Hikari pool around one.
     *
     * @throws UpsilonException {@code BAD_INPUT} for any other kind of data source
     */
    public static PgAddress of(DataSource dataSource) {
        DataSource inner = dataSource instanceof HikariDataSource pool ? pool.getDataSource() : dataSource;
        if (!(inner instanceof BaseDataSource pg)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "log capture needs a pgJDBC data source for the source"
                    + " store, got " + (inner == null ? "none" : inner.getClass().getName()));
        }
        String host = pg.getServerNames().length == 0 ? "localhost" : pg.getServerNames()[0];
        int port = pg.getPortNumbers().length == 0 || pg.getPortNumbers()[0] == 0 ? 5432 : pg.getPortNumbers()[0];
        return new PgAddress(host, port, pg.getDatabaseName(), pg.getUser() == null ? System.getProperty("user.name")
                : pg.getUser(), pg.getPassword(), pg.getURL());
    }

    /** Whether {@link #of} can read the data source's address. */
    static boolean readable(DataSource dataSource) {
        DataSource inner = dataSource instanceof HikariDataSource pool ? pool.getDataSource() : dataSource;
        return inner instanceof BaseDataSource;
    }

    /** A data source for a replication session ({@code replication=database}), for slot commands. */
    PGSimpleDataSource replication() {
        PGSimpleDataSource ds = plain();
        ds.setReplication("database");
        ds.setAssumeMinServerVersion("10");
        ds.setPreferQueryMode(org.postgresql.jdbc.PreferQueryMode.SIMPLE);
        return ds;
    }

    /** A data source for a plain session. */
    PGSimpleDataSource plain() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url); // every connection property of the store's own sessions (TLS among them)
        ds.setUser(user);
        ds.setPassword(password);
        ds.setApplicationName("upsilon-migrate-capture");
        return ds;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database; // never the password (nor the URL, which may hold it)
    }
}
