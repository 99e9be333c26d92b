package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What both PostgreSQL locks share: the lock row in {@link LockTable}, read by {@link #inspect()} and cleared by
 * {@link #releaseIfAbandoned()}. Subclasses say how a grant is taken and kept.
 */
abstract class AbstractPgClusterLock implements ClusterLock {

    final DataSource dataSource;
    final PostgresSettings settings;
    final String nodeId;
    final LockTable lockTable;
    final PgSchema schema;

    AbstractPgClusterLock(DataSource dataSource, PostgresSettings settings, String nodeId) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.nodeId = nodeId;
        this.lockTable = new LockTable(settings);
        this.schema = new PgSchema(settings);
    }

    @Override
    public Optional<LockInfo> inspect() {
        // read-only: a status query must not create tables (the user may not be allowed to)
        try (Connection c = dataSource.getConnection()) {
            return lockTable.inspect(c);
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return Optional.empty();
            }
            throw PgVersionStore.storeFailure("read the " + kind() + " cluster lock", e);
        }
    }

    @Override
    public boolean releaseIfAbandoned() {
        try (Connection c = dataSource.getConnection()) {
            return lockTable.releaseIfAbandoned(c);
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return false;
            }
            throw PgVersionStore.storeFailure("clear the " + kind() + " cluster lock", e);
        }
    }
}
