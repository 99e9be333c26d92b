package io.upsilon.postgres.internal;

import java.sql.Connection;
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
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code LISTEN} connection per process, database and channel, fanned out to every subscriber in the process
 * ({@link PgChangeFeed}): a JVM that runs many nodes against one database holds one listening session instead of one
 * per node, and PostgreSQL delivers a {@code NOTIFY} to one backend instead of a hundred, each read by a thread of its
 * own. The database is told apart as {@link SharedVersionPoll} does; the connection comes from the first
 * subscriber's data source.
 *
 * <p>The session belongs to the process, not to a node: it is tagged {@link #TAG}{@code <pid>} in
 * {@code application_name}, not {@code upsilon:NODE_ID}, so that ending one node's sessions (fencing a stray node)
 * does not cut the feed of the other nodes in the process. It only listens, so a stray node has nothing to write
 * through it; a fenced or stopped node closes its subscription.
 *
 * <p>A notification calls every subscriber at once with its payload; without one, each subscriber is called once
 * its own poll interval has passed. On the data-version channel such a polling call carries the data version, read
 * on the listening connection as {@link SharedVersionPoll} reads it (empty when there is no store yet): a node then
 * needs no connection of its own to learn that nothing changed, where a hundred nodes would otherwise open a hundred
 * sessions per poll interval, and a waiting node is less often busy reading when the new version is announced.
 * Subscribers keep the phase of their own poll interval (a notification does not reset it), so that their polling
 * calls stay spread out. A lost connection is reopened after the shortest poll interval, the subscribers
 * being called meanwhile as by polling; after each (re)opening every subscriber is called, as a change committed
 * before the {@code LISTEN} took effect notified nobody. Subscribers are called one after the other on the
 * listener's thread, so a listener must return quickly (a node's only queues an evaluation). The connection is
 * closed and the thread ends with the last subscription.
 */
final class SharedListener implements Runnable {

    /** The {@code application_name} prefix of a shared listening session; the process id follows. */
    static final String TAG = "upsilon-listen:";

    /**
     * The longest wait for a notification: a subscriber that joins with a shorter poll interval than the wait under
     * way cannot wake the thread, so its first polling call may come this late. An idle wake-up reads nothing.
     */
    private static final long MAX_WAIT_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SharedListener.class);
    private static final Map<Object, SharedListener> LISTENERS = new ConcurrentHashMap<>();

    private final DataSource dataSource;
    private final String channel;
    private final String versionSql; // null but on the data-version channel
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private volatile Connection connection;
    private volatile Thread thread;

    private static final class Subscriber {
        final long pollNanos;
        final Consumer<Optional<String>> listener;
        volatile long nextPoll; // listener thread only, once subscribed

        Subscriber(Duration pollInterval, Consumer<Optional<String>> listener) {
            this.pollNanos = Math.max(1, pollInterval.toMillis()) * 1_000_000;
            this.listener = listener;
            this.nextPoll = System.nanoTime() + pollNanos;
        }

        long dueInMillis(long now) {
            return Math.max(0, (nextPoll - now) / 1_000_000);
        }
    }

    private SharedListener(DataSource dataSource, String channel, String versionSql) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.versionSql = versionSql;
    }

    /**
     * Adds {@code listener} to its process's listener on {@code channel}, starting it if it is the first.
     *
     * @param versionSql on the data-version channel, the query of the data version that polling calls carry; else
     *                   null
     */
    static AutoCloseable subscribe(DataSource dataSource, String channel, String versionSql, Duration pollInterval,
                                   Consumer<Optional<String>> listener) {
        Object key = Arrays.asList(SharedVersionPoll.target(dataSource), channel, versionSql);
        Subscriber subscriber = new Subscriber(pollInterval, listener);
        synchronized (LISTENERS) {
            SharedListener shared = LISTENERS.computeIfAbsent(key, k -> {
                SharedListener created = new SharedListener(dataSource, channel, versionSql);
                created.thread = new Thread(created, "upsilon-listen-" + channel);
                created.thread.setDaemon(true);
                created.thread.start();
                return created;
            });
            shared.subscribers.add(subscriber);
        }
        return () -> {
            synchronized (LISTENERS) {
                SharedListener shared = LISTENERS.get(key);
                if (shared != null && shared.subscribers.remove(subscriber) && shared.subscribers.isEmpty()) {
                    LISTENERS.remove(key);
                    shared.stop();
                }
            }
        };
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                Connection c = connection;
                if (c == null) {
                    open();
                    callAll(readVersion());
                } else {
                    PGNotification[] notifications = c.unwrap(PGConnection.class)
                            .getNotifications((int) Math.max(1, Math.min(MAX_WAIT_MILLIS, nextDueMillis())));
                    if (notifications != null && notifications.length > 0) {
                        callAll(lastPayload(notifications));
                    } else {
                        callDue();
                    }
                }
            } catch (SQLException e) {
                if (stopped) {
                    break;
                }
                LOG.warn("Listening on {} failed ({}); polling until the connection is back", channel, e.getMessage());
                closeConnection();
                pause();
                callAll(Optional.empty());
            }
        }
        Connection c = connection;
        if (c != null) {
            try (Statement s = c.createStatement()) {
                s.execute("UNLISTEN *; RESET application_name");
            } catch (SQLException e) {
                LOG.debug("Leaving the LISTEN connection clean failed: {}", e.getMessage());
            }
        }
        closeConnection();
    }

    private void open() throws SQLException {
        if (stopped) {
            return;
        }
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET application_name = '" + TAG + ProcessHandle.current().pid() + "'");
                s.execute("LISTEN \"" + channel + '"');
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        connection = c; // if the last subscriber left meanwhile, the loop ends and closes it
    }

    private long nextDueMillis() {
        long now = System.nanoTime();
        return subscribers.stream().mapToLong(s -> s.dueInMillis(now)).min().orElse(1000);
    }

    /** The newest notification's payload on this channel: notifications arrive in commit order. */
    private Optional<String> lastPayload(PGNotification[] notifications) {
        Optional<String> last = Optional.empty();
        for (PGNotification n : notifications) {
            if (channel.equals(n.getName()) && n.getParameter() != null && !n.getParameter().isEmpty()) {
                last = Optional.of(n.getParameter());
            }
        }
        return last;
    }

    private void callAll(Optional<String> payload) {
        for (Subscriber s : subscribers) {
            call(s, payload);
        }
    }

    /** Calls the subscribers whose poll interval has passed, each moved on by its interval. */
    private void callDue() throws SQLException {
        long now = System.nanoTime();
        Optional<String> version = null;
        for (Subscriber s : subscribers) {
            if (s.dueInMillis(now) == 0) {
                if (version == null) {
                    version = readVersion();
                }
                s.nextPoll = Math.max(s.nextPoll + s.pollNanos, now + 1_000_000);
                call(s, version);
            }
        }
    }

    /** The data version read on the listening connection; empty on other channels or when there is no store yet. */
    private Optional<String> readVersion() throws SQLException {
        Connection c = connection;
        if (versionSql == null || c == null) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(versionSql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void call(Subscriber s, Optional<String> payload) {
        if (stopped) {
            return;
        }
        try {
            s.listener.accept(payload);
        } catch (RuntimeException e) {
            LOG.warn("A change listener on {} failed: {}", channel, e.toString());
        }
    }

    private void pause() {
        long millis = subscribers.stream().mapToLong(s -> s.pollNanos / 1_000_000).min().orElse(1000);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            stopped = true;
        }
    }

    /**
     * Ends the thread, which closes the connection itself within one wait ({@link #MAX_WAIT_MILLIS}): a connection
     * is not to be used by two threads, and one from a pool must go back without its LISTEN and tag.
     */
    private void stop() {
        stopped = true;
        thread.interrupt(); // from a pause after a failure
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the LISTEN connection failed: {}", e.getMessage());
            }
        }
    }
}
