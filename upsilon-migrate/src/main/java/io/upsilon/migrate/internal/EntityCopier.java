package io.upsilon.migrate.internal;

import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.time.Duration;
import java.time.Instant;
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
 * checkpoint in one target transaction. Killed anywhere, the next run starts after the last committed page. The
 * next page is read while this one is written. An identity plan between stores that both speak {@code COPY} text
 * moves its pages as that text, unparsed ({@link #passesThrough()}); positions, checkpoints and idempotency are
 * the same either way.
 *
 * <p>Late commits. A row committed after the page that would have held it was read carries an update time behind
 * the run's position. So the stored watermark never passes the start of the oldest transaction that was open on
 * the source when the run began reading ({@link SourceStore#openTransactionsSince}): the next run re-reads from
 * there (minus the overlap) and finds the row. Within a run the pages go on from the exact position; only what is
 * stored for the next run is held back. Sources that cannot tell rely on the overlap alone.
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

    /**
     * Whether pages pass through as {@code COPY} text: the plan is the identity and both stores speak it, so no row
     * is parsed, transformed or rendered on the way.
     */
    public boolean passesThrough() {
        return plan.isIdentity() && source.copyPages().isPresent() && target.copyPages().isPresent();
    }

    /** @param previous the update time before which rows are not fresh (see the run report), or null */
    private Future<SourcePage> read(ExecutorService reader, Position from, boolean passThrough, String previous) {
        int limit = plan.spec().batch();
        return reader.submit(() -> passThrough
                ? SourcePage.copied(plan, source.copyPages().orElseThrow().copyPage(plan.source(),
                        plan.sourceFields(), from, limit, plan.sameBuiltInTypes(), previous))
                : SourcePage.rows(plan, source.page(plan.source(), from, limit)));
    }

    private static SourcePage await(Future<SourcePage> page) {
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
        boolean passThrough = passesThrough();
        String updatedAt = plan.spec().updatedAt();
        // the next page is read while this one is written: the two databases work at the same time
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "upsilon-read-" + name);
            t.setDaemon(true);
            return t;
        });
        // before the first page: every transaction the pages cannot see started at or after this (see the class doc)
        Optional<String> horizon = source.openTransactionsSince(plan.source());
        try {
            Future<SourcePage> next = read(reader, position, passThrough, previous);
            while (true) {
                SourcePage page = await(next);
                if (page.size() == 0) {
                    break;
                }
                Row last = page.last();
                String lastUpdated = last.get(updatedAt);
                position = Position.after(lastUpdated, last.values(plan.spec().key()));
                boolean more = page.size() >= plan.spec().batch();
                if (more) {
                    next = read(reader, position, passThrough, previous);
                }
                read += page.size();
                total += page.size();
                fresh += previous == null ? page.size() : page.countAfter(updatedAt, previous);
                Position kept = heldBack(position, lastUpdated, horizon);
                page.write(target, new Checkpoint(name, kept, total, Instant.now()), written);
                watermark = kept.updatedAt().orElse(lastUpdated);
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
     * The position to store: the page's, or, once it passed the horizon, the horizon itself (inclusive), from
     * which the next run re-reads. Update times compare as the store's text, as {@link SourcePage#countAfter} does.
     */
    static Position heldBack(Position position, String lastUpdated, Optional<String> horizon) {
        if (horizon.isPresent() && lastUpdated != null && lastUpdated.compareTo(horizon.get()) > 0) {
            return Position.from(horizon.get(), Duration.ZERO);
        }
        return position;
    }
}
