package io.upsilon.spi;

import javax.sql.DataSource;

/**
 * Makes the {@link Backend} for one kind of database. Found by {@link io.upsilon.Backends#forUrl(String)} through
 * {@link java.util.ServiceLoader}: a backend module lists its implementation in
 * {@code META-INF/services/io.upsilon.spi.BackendProvider}, so adding a database needs no change to the code that
 * looks one up (the CLI, {@code serve}, a service). Implementations have a public no-argument constructor and no
 * state.
 */
public interface BackendProvider {

    /** The database it serves, for messages, e.g. {@code PostgreSQL}. */
    String name();

    /** The JDBC URL prefix it serves, e.g. {@code jdbc:postgresql:}, for messages. */
    String scheme();

    /** Whether it serves {@code jdbcUrl}: by default, whether the URL starts with {@link #scheme()}. */
    default boolean accepts(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.regionMatches(true, 0, scheme(), 0, scheme().length());
    }

    /**
     * Checks {@code options} without connecting, so a caller can refuse a typo before it starts or connects to
     * anything; {@link #open} checks them too.
     *
     * @throws io.upsilon.UpsilonException {@link io.upsilon.ErrorCode#BAD_INPUT} as {@link #open} does
     */
    void check(BackendOptions options);

    /**
     * The backend over {@code dataSource}, which connects to a database this provider {@link #accepts} the URL of.
     *
     * @throws io.upsilon.UpsilonException {@link io.upsilon.ErrorCode#BAD_INPUT} for an option it cannot honour
     *                                     (an unknown lock kind, an unsafe schema name), naming the ones it can
     */
    Backend open(DataSource dataSource, BackendOptions options);
}
