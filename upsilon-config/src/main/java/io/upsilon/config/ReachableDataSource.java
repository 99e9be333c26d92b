package io.upsilon.config;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose first connection waits for the database, as a node starting beside its database must: a
 * refused or dropped connection, or a server still starting, is tried again with back-off (100 ms doubling to 2 s)
 * until the connect timeout has passed (zero: one try). Any other failure (a wrong password, a missing database) is
 * final at once. Once a connection was made, later ones are not retried: a database lost mid-run fails fast. The
 * first connection is made where the program first needs one, so every input is checked before any wait. A failure
 * to reach the database is an {@link UpsilonException} with {@link ErrorCode#DATABASE_UNREACHABLE} (the CLI's exit
 * code 4: nothing was read or changed, try again later) naming the database and the remedy, never the password.
 */
public final class ReachableDataSource implements DataSource {

    private final DataSource delegate;
    private final String description;
    private final Duration timeout;
    private final SettingNames names;
    private volatile boolean reached;

    /**
     * @param delegate    the driver's data source
     * @param description the database for messages, without credentials (e.g. the URL without its query)
     * @param timeout     how long the first connection keeps trying; zero for one try
     * @param names       how the remedy names the settings (URL, password, connect timeout)
     */
    public ReachableDataSource(DataSource delegate, String description, Duration timeout, SettingNames names) {
        this.delegate = delegate;
        this.description = description;
        this.timeout = timeout;
        this.names = names;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (reached) {
            return delegate.getConnection();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 100;
        while (true) {
            try {
                Connection connection = delegate.getConnection();
                reached = true;
                return connection;
            } catch (SQLException e) {
                boolean retry = e.getSQLState() != null && (e.getSQLState().startsWith("08")
                        || e.getSQLState().equals("57P03"));
                if (!retry || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw unreachable(e, retry);
                }
            }
            sleep(pause);
            pause = Math.min(pause * 2, 2000);
        }
    }

    /** One line naming the host (never the password), the driver's reason and the remedy. */
    private UpsilonException unreachable(SQLException e, boolean retried) {
        String reason = String.valueOf(e.getMessage()).strip().replaceAll("\\.$", "");
        return new UpsilonException(ErrorCode.DATABASE_UNREACHABLE, "cannot connect to the database at " + description
                + (retried && !timeout.isZero() ? " within " + (timeout.toMillis() < 1000
                ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s") : "") + " (" + reason
                + "); check " + names.of(UpsilonSettings.URL) + ", that the database is up and reachable, the user and"
                + " the password (" + names.of(UpsilonSettings.PASSWORD) + ")" + (retried ? "; "
                + names.of(UpsilonSettings.CONNECT_TIMEOUT) + " sets how long to keep trying" : ""), e);
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "interrupted while waiting for the database at "
                    + description, e);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(delegate) ? type.cast(delegate) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(delegate) || delegate.isWrapperFor(type);
    }
}
