package io.upsilon.migrate.pg;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads a slot's committed inserts, updates and deletes in commit order, through Debezium's embedded engine and its
 * PostgreSQL connector ({@code pgoutput}, {@code snapshot.mode=no_data}: the slot and its snapshot are ours, made by
 * {@link PgSlot}). Changes are gathered into batches of at least {@value #CHUNK} (or fewer at a drain's marker);
 * each batch is handed to the applier, which commits it to the target; only then are its records marked
 * processed, and Debezium confirms its position to the slot: the slot never moves past a change the target
 * does not hold, so a reader killed anywhere restarts from the slot's confirmed position and replays at most what
 * was applied but not yet confirmed (which the applier writes by key, so nothing doubles).
 *
 * <p>{@link #drain()} writes a transactional logical message on the source and waits until the applier has seen it:
 * every change committed before the call is then in the target.
 */
public final class PgChangeLog implements AutoCloseable {

    private static final String PREFIX = "upsilon-migrate";

    /**
     * One captured row change.
     *
     * @param table  {@code schema.table}
     * @param delete whether the row was deleted
     * @param before the old row's fields that the log carries (the replica identity: the primary key), or empty
     * @param after  the new row's fields, or empty for a delete
     */
    public record Change(String table, boolean delete, Map<String, String> before, Map<String, String> after) {
    }

    private final DataSource source;
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final ExecutorService thread;
    /**
     * Changes gathered before they are applied, unless a drain's marker comes first. Small enough that the target
     * applies one chunk while the connector decodes the next (the two overlap, and a drain waits only for the last
     * chunk's write), big enough that the target's cost per transaction (stage, checkpoint, commit) stays a few per
     * cent of it.
     */
    static final int CHUNK = 2_000;

    private final Object lock = new Object();
    /** Changes read but not applied yet, and the records they came in (confirmed once applied); reader thread only. */
    private final List<Change> pending = new ArrayList<>();
    private final List<RecordChangeEvent<SourceRecord>> unconfirmed = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private volatile Throwable failed;
    private volatile boolean stopped;

    private PgChangeLog(DataSource source, Properties config, Consumer<List<Change>> applier) {
        this.source = source;
        this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class)).using(config)
                .notifying((records, committer) -> {
                    List<String> markers = new ArrayList<>();
                    for (RecordChangeEvent<SourceRecord> r : records) {
                        read(r.record(), pending, markers);
                        unconfirmed.add(r);
                    }
                    // Debezium hands over what arrived within its poll interval, often a few dozen changes: they
                    // wait here until a drain's marker or a full chunk, so the target gets few, big transactions
                    if (markers.isEmpty() && pending.size() < CHUNK) {
                        return;
                    }
                    if (!pending.isEmpty()) {
                        applier.accept(List.copyOf(pending));
                        pending.clear();
                    }
                    for (RecordChangeEvent<SourceRecord> r : unconfirmed) {
                        committer.markProcessed(r);
                    }
                    unconfirmed.clear();
                    committer.markBatchFinished();
                    if (!markers.isEmpty()) {
                        synchronized (lock) {
                            seen.addAll(markers);
                            lock.notifyAll();
                        }
                    }
                })
                .using((success, message, error) -> {
                    synchronized (lock) {
                        if (!success || error != null) {
                            failed = error != null ? error : new IllegalStateException(message);
                        }
                        stopped = true;
                        lock.notifyAll();
                    }
                })
                .build();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "upsilon-capture");
            t.setDaemon(true);
            return t;
        });
        thread.execute(engine);
    }

    /**
     * Starts reading {@code slot} (and its publication of the same name) for {@code tables}; the applier runs on the
     * reader's thread, one batch at a time, and must have committed the batch when it returns.
     */
    public static PgChangeLog start(DataSource source, PgAddress address, String slot, Collection<String> tables,
                                    Consumer<List<Change>> applier) {
        Properties p = new Properties();
        p.setProperty("name", "upsilon-" + slot);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("offset.flush.interval.ms", "0"); // confirm to the slot after every applied batch
        p.setProperty("database.hostname", address.host());
        p.setProperty("database.port", Integer.toString(address.port()));
        p.setProperty("database.user", address.user());
        if (address.password() != null) {
            p.setProperty("database.password", address.password());
        }
        p.setProperty("database.dbname", address.database());
        p.setProperty("topic.prefix", "upsilon");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", slot);
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("table.include.list", tables.stream().map(PgChangeLog::qualified)
                .map(t -> t.replace(".", "\\.")).collect(Collectors.joining(",")));
        p.setProperty("message.prefix.include.list", PREFIX);
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("time.precision.mode", "connect");
        p.setProperty("include.unknown.datatypes", "true");
        p.setProperty("status.update.interval.ms", "1000");
        // the connector sleeps this long whenever the replication stream has no message ready at that instant, which
        // happens between most messages of a big transaction: 50 ms let ~3 changes through per sleep, 5 ms ten times
        // as many (measured on the capture bench); the price is a wake-up every 5 ms while idle
        p.setProperty("poll.interval.ms", "5");
        // up to 10,000 changes per hand-over; the queue lets the connector decode ahead while a chunk is written
        p.setProperty("max.batch.size", "10000");
        p.setProperty("max.queue.size", "40000");
        p.setProperty("errors.max.retries", "0");
        return new PgChangeLog(source, p, applier);
    }

    /** {@code schema.table}, {@code public} when the spec names none. */
    public static String qualified(String table) {
        return table.contains(".") ? table : "public." + table;
    }

    /**
     * Waits until every change committed on the source before this call has been applied to the target.
     *
     * @throws UpsilonException {@code STORE_FAILURE} if the reader stopped or does not get there within {@code limit}
     */
    public void drain(Duration limit) {
        String marker = UUID.randomUUID().toString();
        try (Connection c = source.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = on"); // flushed at commit: the log reader sees it at once
            }
            ps.setString(1, PREFIX);
            ps.setString(2, marker);
            ps.execute();
            c.commit();
        } catch (SQLException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot mark the source's log for a catch-up: "
                    + e.getMessage() + "; check that the source database is reachable", e);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lock) {
            while (!seen.remove(marker)) {
                if (failed != null || stopped) {
                    throw new UpsilonException(ErrorCode.STORE_FAILURE, "the change capture stopped: "
                            + (failed == null ? "closed" : rootMessage(failed)), failed);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new UpsilonException(ErrorCode.STORE_FAILURE, "the change capture did not reach the"
                            + " source's current position within " + limit.toSeconds() + " s; check the migrator's"
                            + " log and the slot (migrate status)");
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UpsilonException(ErrorCode.STORE_FAILURE, "interrupted while catching up", e);
                }
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }

    private static void read(SourceRecord record, List<Change> changes, List<String> markers) {
        if (!(record.value() instanceof Struct value)) {
            return; // heartbeats and the like
        }
        if (value.schema().field("message") != null && value.schema().field("op") != null
                && "m".equals(value.getString("op"))) {
            Struct message = value.getStruct("message");
            if (PREFIX.equals(message.getString("prefix"))) {
                Object content = message.get("content");
                byte[] bytes;
                if (content instanceof java.nio.ByteBuffer buffer) {
                    bytes = new byte[buffer.remaining()];
                    buffer.duplicate().get(bytes);
                } else {
                    bytes = (byte[]) content;
                }
                markers.add(new String(bytes, StandardCharsets.UTF_8));
            }
            return;
        }
        if (value.schema().field("op") == null || value.schema().field("source") == null) {
            return;
        }
        String op = value.getString("op");
        if (!"c".equals(op) && !"u".equals(op) && !"d".equals(op) && !"r".equals(op)) {
            return;
        }
        Struct source = value.getStruct("source");
        String table = source.getString("schema") + "." + source.getString("table");
        changes.add(new Change(table, "d".equals(op), fields(value.getStruct("before")),
                fields(value.getStruct("after"))));
    }

    private static Map<String, String> fields(Struct row) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (row != null) {
            for (Field f : row.schema().fields()) {
                Object v = row.get(f);
                fields.put(f.name(), v == null ? null : v.toString());
            }
        }
        return fields;
    }

    @Override
    public void close() {
        try {
            engine.close();
        } catch (IOException ignored) {
            // the engine stops its tasks either way
        }
        thread.shutdown();
        try {
            thread.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
