package io.upsilon.migrate.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.pg.PgSnapshot;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first copy of an entity: every row of one consistent snapshot, read in ranges of heap blocks by {@code jobs}
 * workers at once, each range transformed (or passed through as {@code COPY} bytes) and written in one target
 * transaction. Ranges carry no checkpoint of the entity (a range is not a place in any order); only when every range
 * is written is the entity's checkpoint stored, at the snapshot's watermark, so what follows starts from the snapshot.
 * Killed before that, the next run copies again from a new snapshot: writes are by key, so nothing doubles, and
 * whatever changed in between is read again by what follows (the log from the slot's start, or the watermark).
 */
public final class SnapshotCopier {

    /** Suffix of the checkpoint name that counts the rows of a snapshot copy still under way. */
    public static final String IN_PROGRESS = "/snapshot";

    private final EntityPlan plan;
    private final SourceStore source;
    private final TargetStore target;
    private final MigrationListener listener;
    private final int jobs;

    public SnapshotCopier(EntityPlan plan, SourceStore source, TargetStore target, MigrationListener listener,
                          int jobs) {
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.listener = listener;
        this.jobs = jobs;
    }

    /** Copies the entity from {@code snapshot} and stores its checkpoint at the snapshot's watermark. */
    public RunReport.Entity copy(PgSnapshot snapshot) {
        long started = System.nanoTime();
        String name = plan.spec().name();
        String type = source.describe(plan.source()).stream().filter(f -> f.name().equals(plan.spec().updatedAt()))
                .map(Field::type).findFirst().orElse("timestamptz");
        String watermark = snapshot.watermark(type);
        List<PgSnapshot.Range> ranges = snapshot.ranges(plan.spec().source(), plan.spec().batch());
        boolean passThrough = plan.isIdentity() && target.supportsCopyPages();
        AtomicLong read = new AtomicLong();
        Map<String, Long> written = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, ranges.size())), r -> {
            Thread t = new Thread(r, "upsilon-snapshot-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (PgSnapshot.Range range : ranges) {
                done.add(workers.submit(() -> {
                    long rows = passThrough ? copyRange(snapshot, range, written) : transformRange(snapshot, range,
                            written);
                    long total = read.addAndGet(rows);
                    listener.progress(name, total, watermark);
                }));
            }
            for (Future<?> f : done) {
                await(f);
            }
        } finally {
            workers.shutdownNow();
        }
        target.write(List.of(), new Checkpoint(name, Position.from(watermark, Duration.ZERO), read.get(),
                Instant.now()));
        return new RunReport.Entity(name, read.get(), new java.util.LinkedHashMap<>(written), watermark, "snapshot",
                Duration.ofNanos(System.nanoTime() - started), 0, read.get());
    }

    private long copyRange(PgSnapshot snapshot, PgSnapshot.Range range, Map<String, Long> written) {
        CopyPage page = snapshot.copy(plan.source(), plan.sourceFields(), range, plan.sameBuiltInTypes());
        if (page.rows() > 0) {
            target.write(plan.spec().target(), plan.spec().key(), page, progress(page.rows()));
            written.merge(plan.spec().target(), (long) page.rows(), Long::sum);
        }
        return page.rows();
    }

    private long transformRange(PgSnapshot snapshot, PgSnapshot.Range range, Map<String, Long> written) {
        List<Row> rows = snapshot.rows(plan.source(), range);
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, List<String>> keys = plan.keys();
        List<Batch> batches = new ArrayList<>();
        plan.transform(rows).forEach((table, out) -> {
            batches.add(new Batch(table, keys.get(table), out));
            written.merge(table, (long) out.size(), Long::sum);
        });
        target.write(batches, progress(rows.size()));
        return rows.size();
    }

    /** The in-progress checkpoint a range is written with: it counts, it positions nothing. */
    private Checkpoint progress(long rows) {
        return new Checkpoint(plan.spec().name() + IN_PROGRESS, Position.START, rows, Instant.now());
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "snapshot copy failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "snapshot copy interrupted", e);
        }
    }
}
