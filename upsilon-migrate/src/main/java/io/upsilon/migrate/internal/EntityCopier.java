package io.upsilon.migrate.internal;

import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies one entity type: page after page in (update time, key) order, each page transformed and written with its
 * checkpoint in one target transaction. Killed anywhere, the next run starts after the last committed page.
 */
public final class EntityCopier {

    private final EntityPlan plan;
    private final SourceStore source;
    private final TargetStore target;
    private final MigrationListener listener;

    public EntityCopier(EntityPlan plan, SourceStore source, TargetStore target, MigrationListener listener) {
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.listener = listener;
    }

    private Future<List<Row>> read(ExecutorService reader, Position from) {
        return reader.submit(() -> source.page(plan.source(), from, plan.spec().batch()));
    }

    private static List<Row> await(Future<List<Row>> page) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the source", e);
        }
    }

    /**
     * @param since   read from this update time (minus the overlap) instead of the checkpoint; empty to use it
     * @param overlap how far before the watermark to re-read, for transactions that committed late
     */
    public RunReport.Entity run(Optional<String> since, Duration overlap) {
        long started = System.nanoTime();
        String name = plan.spec().name();
        Optional<Checkpoint> stored = target.checkpoint(name);
        Position position;
        String from;
        if (since.isPresent()) {
            position = Position.from(since.get(), overlap);
            from = "since";
        } else if (stored.isPresent()) {
            position = stored.get().position().rewound(overlap);
            from = "checkpoint";
        } else {
            position = Position.START;
            from = "start";
        }
        long total = stored.map(Checkpoint::rows).orElse(0L);
        long read = 0;
        long fresh = 0;
        String watermark = stored.flatMap(c -> c.position().updatedAt()).orElse(null);
        String previous = since.isPresent() ? since.get() : watermark;
        Map<String, Long> written = new LinkedHashMap<>();
        Map<String, List<String>> keys = plan.keys();
        // the next page is read while this one is written: the two databases work at the same time
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "upsilon-read-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<Row>> next = read(reader, position);
            while (true) {
                List<Row> page = await(next);
                if (page.isEmpty()) {
                    break;
                }
                Row last = page.get(page.size() - 1);
                String lastUpdated = last.get(plan.spec().updatedAt());
                position = Position.after(lastUpdated, last.values(plan.spec().key()));
                boolean more = page.size() >= plan.spec().batch();
                if (more) {
                    next = read(reader, position);
                }
                List<Batch> batches = new ArrayList<>();
                plan.transform(page).forEach((table, rows) -> {
                    batches.add(new Batch(table, keys.get(table), rows));
                    written.merge(table, (long) rows.size(), Long::sum);
                });
                read += page.size();
                total += page.size();
                fresh += previous == null ? page.size() : page.stream().filter(r -> isAfter(r.get(
                        plan.spec().updatedAt()), previous)).count();
                target.write(batches, new Checkpoint(name, position, total, Instant.now()));
                watermark = lastUpdated;
                listener.progress(name, read, watermark);
                if (!more) {
                    break;
                }
            }
        } finally {
            reader.shutdownNow();
        }
        return new RunReport.Entity(name, read, written, watermark, from,
                Duration.ofNanos(System.nanoTime() - started), 0, fresh);
    }

    /**
     * Whether an update time is after another, both in the store's text form. PostgreSQL prints timestamps of one
     * session in one time zone and one layout, in which text order is time order.
     */
    private static boolean isAfter(String updatedAt, String than) {
        return updatedAt != null && updatedAt.compareTo(than) > 0;
    }
}
