package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.ChangeFeed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTEN on a dedicated connection per subscription. The thread blocks in {@code getNotifications(poll)}, so a
 * NOTIFY wakes the listener at once and the poll interval bounds how stale it can get when notifications are lost
 * (a dropped connection). A lost connection is reopened after one poll interval.
 *
 * <p>Without LISTEN ({@link #polling}) a subscription's thread wakes the listener once per poll interval. That is the
 * mode for PgBouncer in transaction pooling, where a LISTEN lands on whichever server connection the pool lends and
 * its notifications never reach the client. A data-version subscription joins its process's one poll of that
 * database ({@link SharedVersionPoll}), which reads the data version on one kept client connection (in transaction
 * pooling it holds a server connection only for that statement) and hands it to every listener as the payload, as a
 * notification would: a hundred polling nodes in one JVM then cost one read per interval, and none of them opens a
 * connection to learn the version.
 */
public final class PgChangeFeed implements ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PgChangeFeed.class);

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final boolean listen;

    public PgChangeFeed(DataSource dataSource, PostgresSettings settings) {
        this(dataSource, settings, true);
    }

    private PgChangeFeed(DataSource dataSource, PostgresSettings settings, boolean listen) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.listen = listen;
    }

    /** A feed that only polls: no LISTEN, no connection held between polls. */
    public static PgChangeFeed polling(DataSource dataSource, PostgresSettings settings) {
        return new PgChangeFeed(dataSource, settings, false);
    }

    @Override
    public AutoCloseable subscribe(Topic topic, Duration pollInterval, Runnable listener) {
        return subscribeWithPayload(topic, pollInterval, payload -> listener.run());
    }

    @Override
    public AutoCloseable subscribeWithPayload(Topic topic, Duration pollInterval,
                                              Consumer<Optional<String>> listener) {
        if (!listen && topic == Topic.DATA_VERSION) {
            return SharedVersionPoll.subscribe(dataSource, settings, pollInterval, listener);
        }
        String channel = topic == Topic.DATA_VERSION ? settings.versionChannel() : settings.maintenanceChannel();
        Listening listening = new Listening(channel, Math.max(1, (int) Math.min(Integer.MAX_VALUE,
                pollInterval.toMillis())), listener);
        Thread thread = new Thread(listening, "upsilon-listen-" + channel);
        thread.setDaemon(true);
        thread.start();
        return () -> {
            listening.stopped = true;
            thread.interrupt();
            listening.closeConnection();
        };
    }

    private final class Listening implements Runnable {
        private final String channel;
        private final int pollMillis;
        private final Consumer<Optional<String>> listener;
        private volatile boolean stopped;
        private volatile Connection connection;

        Listening(String channel, int pollMillis, Consumer<Optional<String>> listener) {
            this.channel = channel;
            this.pollMillis = pollMillis;
            this.listener = listener;
        }

        @Override
        public void run() {
            while (!stopped) {
                Optional<String> payload = Optional.empty();
                if (!listen) {
                    pause();
                    if (!stopped) {
                        notifyListener(payload);
                    }
                    continue;
                }
                try {
                    if (connection == null) {
                        connection = dataSource.getConnection();
                        connection.setAutoCommit(true);
                        try (Statement s = connection.createStatement()) {
                            s.execute("LISTEN \"" + channel + '"');
                        }
                        // a change committed before LISTEN took effect notified nobody: the listener re-reads now
                        // instead of one poll interval later
                    } else {
                        payload = lastPayload(connection.unwrap(PGConnection.class).getNotifications(pollMillis));
                    }
                } catch (SQLException e) {
                    if (stopped) {
                        return;
                    }
                    LOG.warn("Listening on {} failed ({}); polling until the connection is back", channel,
                            e.getMessage());
                    closeConnection();
                    pause();
                }
                if (!stopped) {
                    notifyListener(payload);
                }
            }
        }

        /** The newest notification's payload on this channel: notifications arrive in commit order. */
        private Optional<String> lastPayload(PGNotification[] notifications) {
            Optional<String> last = Optional.empty();
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    if (channel.equals(n.getName()) && n.getParameter() != null && !n.getParameter().isEmpty()) {
                        last = Optional.of(n.getParameter());
                    }
                }
            }
            return last;
        }

        private void notifyListener(Optional<String> payload) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("A change listener on {} failed: {}", channel, e.toString());
            }
        }

        private void pause() {
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                stopped = true;
            }
        }

        void closeConnection() {
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
}
