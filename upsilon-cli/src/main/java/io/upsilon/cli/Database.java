package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL a command works on: the user's own ({@code --url}) or an embedded one in a data directory,
 * started here and stopped by {@link #close()}. Connections are not pooled: the advisory lock keeps one connection
 * for itself, and a CLI run opens only a handful.
 */
final class Database implements AutoCloseable {

    /** The JDBC URL scheme of the embedded database, by which its backend is found. */
    static final String EMBEDDED_SCHEME = "jdbc:postgresql:";

    private static final Pattern URL_PASSWORD = Pattern.compile("[?&]password=([^&]*)");

    private final DataSource dataSource;
    private final PGSimpleDataSource remote;
    private final EmbeddedPostgres embedded;
    private final String description;

    private Database(DataSource dataSource, PGSimpleDataSource remote, EmbeddedPostgres embedded,
                     String description) {
        this.dataSource = dataSource;
        this.remote = remote;
        this.embedded = embedded;
        this.description = description;
    }

    /**
     * Connects to {@code url}. A URL that carries a password is refused (its password is registered as a secret
     * first, so the refusal cannot echo it). The first connection, wherever the command makes it, waits up to
     * {@code connectTimeout} for a database that is down or starting ({@link ReachableDataSource}).
     */
    static Database connect(String url, Credentials credentials, Secrets secrets, Duration connectTimeout) {
        Matcher password = URL_PASSWORD.matcher(url);
        while (password.find()) {
            secrets.add(password.group(1));
            secrets.add(URLDecoder.decode(password.group(1), StandardCharsets.UTF_8));
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--url must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://HOST:5432/DATABASE?user=NAME");
        }
        Properties properties = Driver.parseURL(url, null);
        if (properties == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--url is not a valid PostgreSQL JDBC URL; write it as"
                    + " jdbc:postgresql://HOST:PORT/DATABASE?user=NAME");
        }
        if (properties.getProperty("password") != null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--url must not carry a password (the command line"
                    + " shows in shell history and the process list); remove it and set $" + Main.PASSWORD_ENV
                    + " or use --config FILE");
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        if (properties.getProperty("ApplicationName") == null) {
            source.setApplicationName("upsilon-cli");
        }
        if (credentials.user() != null) {
            source.setUser(credentials.user());
        }
        if (credentials.password() != null) {
            source.setPassword(credentials.password());
        }
        int query = url.indexOf('?');
        String description = query < 0 ? url : url.substring(0, query);
        return new Database(new ReachableDataSource(source, description, connectTimeout), source, null, description);
    }

    /**
     * Starts an embedded PostgreSQL in {@code directory}, creating the cluster on first use.
     *
     * @param temporary whether the directory is deleted when the database stops
     */
    static Database embedded(Path directory, boolean temporary) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.toFile())
                    .setCleanDataDirectory(temporary)
                    .start();
            return new Database(postgres.getPostgresDatabase(), null, postgres, "embedded PostgreSQL in " + directory
                    + (temporary ? " (temporary)" : ""));
        } catch (IOException | RuntimeException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot start the embedded PostgreSQL in " + directory
                    + ": " + e.getMessage() + "; check that the directory is writable and that no other upsilon"
                    + " process uses it, or pass another --data-dir or --url", e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Sets the {@code application_name} of every session opened from now on, replacing the URL's or the default
     * {@code upsilon-cli}. {@code serve} uses it to tag its node's sessions so that they can be terminated.
     */
    void applicationName(String name) {
        PGSimpleDataSource source = remote != null ? remote
                : dataSource instanceof PGSimpleDataSource simple ? simple : null;
        if (source == null) {
            throw new IllegalStateException("cannot set the application name on " + dataSource.getClass().getName());
        }
        source.setApplicationName(name);
    }

    /** Where the data lives, without credentials, for output. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // the server is gone with this process anyway; the command's own result matters more
            }
        }
    }
}
