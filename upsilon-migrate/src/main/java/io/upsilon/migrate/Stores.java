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
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Opens the stores a spec names: PostgreSQL for a JDBC URL, HTTP JSON for an {@code http} base URL. */
public final class Stores {

    private Stores() {
    }

    public static SourceStore source(Endpoint endpoint, Map<String, String> env) {
        return endpoint.http() != null
                ? new HttpSourceStore(URI.create(endpoint.http()), HttpClient.newHttpClient(), Map.of())
                : new PgSourceStore(dataSource(endpoint, env, "source"));
    }

    public static TargetStore target(Endpoint endpoint, Map<String, String> env) {
        return endpoint.http() != null
                ? new HttpTargetStore(URI.create(endpoint.http()), HttpClient.newHttpClient(), Map.of())
                : new PgTargetStore(dataSource(endpoint, env, "target"));
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
