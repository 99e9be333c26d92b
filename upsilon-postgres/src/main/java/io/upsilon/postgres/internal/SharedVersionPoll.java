package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.ds.common.BaseDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the data version per process and database, fanned out to every polling subscriber in the process
 * ({@link PgChangeFeed#polling}): a JVM that runs many nodes against one database (tenants, tests, the fleet
 * benchmark's hundred nodes) reads one row per poll interval on one kept connection instead of one per node. The
 * database is told apart by the data source's server, port, database and user when it is pgJDBC's own (the
 * {@code application_name} that tags each node's sessions differs and does not matter for this read), else by the
 * data-source object; the store's tables by their qualified name. The read uses the first subscriber's data source.
 * The poll runs at the shortest interval asked for; its thread ends with the last subscription.
 */
final class SharedVersionPoll implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedVersionPoll.class);
    private static final Map<Object, SharedVersionPoll> POLLS = new ConcurrentHashMap<>();

    private final Object key;
    private final String sql;
    private final KeptConnection connection;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    private record Subscriber(long pollMillis, Consumer<Optional<String>> listener) {
    }

    private SharedVersionPoll(Object key, DataSource dataSource, PostgresSettings settings) {
        this.key = key;
        this.sql = versionSql(settings);
        this.connection = new KeptConnection(dataSource);
    }

    /** Adds {@code listener} to the poll of its database, starting the poll if it is the first; closing removes it. */
    static AutoCloseable subscribe(DataSource dataSource, PostgresSettings settings, Duration pollInterval,
                                   Consumer<Optional<String>> listener) {
        Object key = List.of(target(dataSource), settings.table("data_version"));
        Subscriber subscriber = new Subscriber(Math.max(1, pollInterval.toMillis()), listener);
        synchronized (POLLS) {
            SharedVersionPoll poll = POLLS.computeIfAbsent(key, k -> {
                SharedVersionPoll created = new SharedVersionPoll(k, dataSource, settings);
                Thread thread = new Thread(created, "upsilon-poll-" + settings.table("data_version"));
                thread.setDaemon(true);
                thread.start();
                return created;
            });
            poll.subscribers.add(subscriber);
        }
        return () -> {
            synchronized (POLLS) {
                SharedVersionPoll poll = POLLS.get(key);
                if (poll != null && poll.subscribers.remove(subscriber) && poll.subscribers.isEmpty()) {
                    POLLS.remove(key);
                    poll.stopped = true;
                    poll.connection.close();
                }
            }
        };
    }

    /** The query of the data version, also read by the LISTEN feed's polling ({@link SharedListener}). */
    static String versionSql(PostgresSettings settings) {
        return "SELECT version FROM " + settings.table("data_version") + " WHERE id = 1";
    }

    /** What tells databases apart: host, port, database and user of a pgJDBC data source; else the object itself. */
    static Object target(DataSource dataSource) {
        if (dataSource instanceof BaseDataSource pg) {
            return List.of(Arrays.asList(pg.getServerNames()), Arrays.toString(pg.getPortNumbers()),
                    String.valueOf(pg.getDatabaseName()), String.valueOf(pg.getUser()));
        }
        return dataSource;
    }

    @Override
    public void run() {
        while (!stopped) {
            long pause = subscribers.stream().mapToLong(Subscriber::pollMillis).min().orElse(1000);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            Optional<String> version = read();
            for (Subscriber s : subscribers) {
                try {
                    s.listener.accept(version);
                } catch (RuntimeException e) {
                    LOG.warn("A data-version listener failed: {}", e.toString());
                }
            }
        }
        connection.close();
    }

    /** The data version; empty when it cannot tell (no store yet, the database away): each listener reads then. */
    private Optional<String> read() {
        try {
            return connection.run(true, c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            });
        } catch (SQLException e) {
            LOG.debug("Polling the data version ({}) failed: {}", key, e.getMessage());
            return Optional.empty();
        }
    }
}
