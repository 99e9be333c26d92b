package io.upsilon.postgres.internal;

import io.upsilon.ErrorCode;
import io.upsilon.Texts;
import io.upsilon.UpsilonException;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.Backend;
import io.upsilon.spi.BackendOptions;
import io.upsilon.spi.BackendProvider;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.spi.VersionStore;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The PostgreSQL backend as {@link io.upsilon.Backends#forUrl(String)} finds it, for {@code jdbc:postgresql:} URLs:
 * a {@link PostgresBackend} with the lock kind of the options ({@code advisory}, the default, or {@code lease}).
 * Listed in {@code META-INF/services/io.upsilon.spi.BackendProvider}.
 */
public final class PgBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String scheme() {
        return "jdbc:postgresql:";
    }

    @Override
    public void check(BackendOptions options) {
        settings(options);
        lockKind(options);
    }

    @Override
    public Backend open(DataSource dataSource, BackendOptions options) {
        return new PgBackend(PostgresBackend.create(dataSource, settings(options)), lockKind(options));
    }

    private static PostgresSettings settings(BackendOptions options) {
        PostgresSettings.Builder settings = PostgresSettings.builder();
        options.schema().ifPresent(settings::schema);
        options.tablePrefix().ifPresent(settings::tablePrefix);
        options.lockTimeout().ifPresent(settings::lockTimeout);
        return settings.build();
    }

    private static LockKind lockKind(BackendOptions options) {
        return options.lock().map(PgBackendProvider::lockKind).orElse(LockKind.ADVISORY);
    }

    private static LockKind lockKind(String name) {
        for (LockKind kind : LockKind.values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new UpsilonException(ErrorCode.BAD_INPUT, "the PostgreSQL backend has no lock '" + Texts.quote(name)
                + "'; use advisory (a session lock, the default) or lease (works behind PgBouncer's transaction"
                + " pooling)");
    }

    /** {@link PostgresBackend} with one lock kind. */
    private record PgBackend(PostgresBackend postgres, LockKind lock) implements Backend {

        @Override
        public VersionStore store() {
            return postgres.store();
        }

        @Override
        public NodeRegistry nodes() {
            return postgres.nodes();
        }

        @Override
        public MaintenanceStore maintenance() {
            return postgres.maintenance();
        }

        @Override
        public ChangeFeed feed() {
            return postgres.feed();
        }

        @Override
        public ClusterLock lock(String nodeId) {
            return postgres.lock(lock, nodeId);
        }

        @Override
        public String toString() {
            return "PostgreSQL backend (" + lock.name().toLowerCase(Locale.ROOT) + " lock)";
        }
    }
}
