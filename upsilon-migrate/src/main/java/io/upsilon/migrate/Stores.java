package io.upsilon.migrate;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.MigrationSpec.Endpoint;
import io.upsilon.migrate.http.HttpSourceStore;
import io.upsilon.migrate.http.HttpTargetStore;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.pg.PgTargetStore;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Opens the stores a spec names: PostgreSQL for a JDBC URL, HTTP JSON for an {@code http} base URL. */
public final class Stores {

    private Stores() {
    }

    /** The source store; close it to release its connections. */
    public static SourceStore source(Endpoint endpoint, Map<String, String> env) {
        if (endpoint.http() != null) {
            return new HttpSourceStore(URI.create(endpoint.http()), HttpClient.newHttpClient(), Map.of());
        }
        HikariDataSource pool = pool(dataSource(endpoint, env, "source"), "upsilon-migrate-source");
        return new PgSourceStore(pool, pool::close);
    }

    /** The target store; close it to release its connections. */
    public static TargetStore target(Endpoint endpoint, Map<String, String> env) {
        if (endpoint.http() != null) {
            return new HttpTargetStore(URI.create(endpoint.http()), HttpClient.newHttpClient(), Map.of());
        }
        HikariDataSource pool = pool(dataSource(endpoint, env, "target"), "upsilon-migrate-target");
        return new PgTargetStore(pool, pool::close);
    }

    /**
     * A small pool: every page is a query and every batch a transaction, and a new PostgreSQL connection per page
     * costs as much as the page itself. Idle connections are let go, so a finished migration holds none.
     */
    private static HikariDataSource pool(DataSource dataSource, String name) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName(name);
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(0);
        config.setIdleTimeout(10_000);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1); // reachability is checked, with a clear message, by the first use
        return new Pool(config);
    }

    /**
     * A pool whose "connection is not available" timeout also says why no connection could be made (a refused
     * password, a refused connection): Hikari keeps that only as the exception's cause, which the stores' one-line
     * messages would otherwise drop, leaving a wrong password looking like a slow database.
     */
    private static final class Pool extends HikariDataSource {

        Pool(HikariConfig config) {
            super(config);
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                return super.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (e.getCause() == null || e.getCause().getMessage() == null) {
                    throw e;
                }
                throw new SQLTransientConnectionException(e.getMessage() + "; the last attempt failed with: "
                        + e.getCause().getMessage(), e.getSQLState(), e);
            }
        }
    }

    /**
     * A data source for the endpoint; the password comes only from the environment variable the spec names.
     *
     * @throws UpsilonException {@code BAD_INPUT} when that variable is not set, or the URL is not PostgreSQL's
     */
    public static DataSource dataSource(Endpoint endpoint, Map<String, String> env, String which) {
        if (!endpoint.url().startsWith("jdbc:postgresql:")) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, which + ": only jdbc:postgresql: URLs are supported, got "
                    + endpoint.url().split("\\?")[0]);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(endpoint.url());
        ds.setApplicationName("upsilon-migrate");
        if (endpoint.user() != null) {
            ds.setUser(endpoint.user());
        }
        if (endpoint.passwordEnv() != null) {
            String password = env.get(endpoint.passwordEnv());
            if (password == null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, which + ": environment variable "
                        + endpoint.passwordEnv() + " (named by passwordEnv) is not set; export it");
            }
            ds.setPassword(password);
        }
        return ds;
    }
}
