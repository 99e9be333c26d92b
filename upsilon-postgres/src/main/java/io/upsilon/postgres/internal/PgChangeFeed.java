package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.ChangeFeed;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTEN/NOTIFY: the subscriptions of one process share one listening connection per database and channel
 * ({@link SharedListener}), so a NOTIFY wakes every subscriber at once, and the poll interval bounds how stale a
 * subscriber can get when notifications are lost (a dropped connection, reopened after one poll interval).
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
        String channel = topic == Topic.DATA_VERSION ? settings.versionChannel() : settings.maintenanceChannel();
        if (listen) {
            return SharedListener.subscribe(dataSource, channel, topic == Topic.DATA_VERSION
                    ? SharedVersionPoll.versionSql(settings) : null, pollInterval, listener);
        }
        if (topic == Topic.DATA_VERSION) {
            return SharedVersionPoll.subscribe(dataSource, settings, pollInterval, listener);
        }
        Polling polling = new Polling(channel, Math.max(1, pollInterval.toMillis()), listener);
        Thread thread = new Thread(polling, "upsilon-poll-" + channel);
        thread.setDaemon(true);
        thread.start();
        return () -> {
            polling.stopped = true;
            thread.interrupt();
        };
    }

    /** Wakes one listener once per poll interval; the listener reads what it needs. */
    private static final class Polling implements Runnable {
        private final String channel;
        private final long pollMillis;
        private final Consumer<Optional<String>> listener;
        private volatile boolean stopped;

        Polling(String channel, long pollMillis, Consumer<Optional<String>> listener) {
            this.channel = channel;
            this.pollMillis = pollMillis;
            this.listener = listener;
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (stopped) {
                    return;
                }
                try {
                    listener.accept(Optional.empty());
                } catch (RuntimeException e) {
                    LOG.warn("A change listener on {} failed: {}", channel, e.toString());
                }
            }
        }
    }
}
