package io.upsilon.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A real data source that counts the sessions opened through it. */
final class CountingDataSource implements DataSource {

    private final DataSource inner;
    private final AtomicInteger opened = new AtomicInteger();

    CountingDataSource(DataSource inner) {
        this.inner = inner;
    }

    /** Sessions opened so far. */
    int opened() {
        return opened.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        opened.incrementAndGet();
        return inner.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        opened.incrementAndGet();
        return inner.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return inner.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        inner.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        inner.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return inner.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.upsilon.postgres");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return inner.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return inner.isWrapperFor(type);
    }
}
