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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first copy of an entity: every row of one consistent snapshot, read in ranges of heap blocks by {@code jobs}
 * workers at once, each range transformed (or passed through as {@code COPY} bytes) and written in one target
 * transaction with a checkpoint of its own ({@code entity/snapshot/ATTEMPT/FIRST_BLOCK}). When every range is written, the
 * entity's checkpoint is stored at the snapshot's watermark, so what follows starts from the snapshot. Killed before
 * that, the next run copies only the ranges without a checkpoint, from a new snapshot, cut the same way (the range
 * size and the first attempt's watermark are kept in {@code entity/snapshot}); ranges from two snapshots meet
 * because what changed after the first is read again by what follows (the log from the slot's start, or every row
 * updated after the first watermark), and writes are by key, so nothing doubles.
 */
public final class SnapshotCopier {

    /** Suffix of the checkpoint name that counts the rows of a snapshot copy still under way. */
    public static final String IN_PROGRESS = "/snapshot";

    private final EntityPlan plan;
    private final SourceStore source;
    private final TargetStore target;
    private final MigrationListener listener;
    private final int jobs;
    private final boolean withMaxUpdate;
    /** Names the ranges of one attempt, so a fresh start never counts an older attempt's ranges as written. */
    private String attempt;

    /**
     * @param withMaxUpdate whether the watermark may be no later than the latest update time in the snapshot (one
     *                      more scan; watermark mode, where the watermark is what the next run reads from)
     */
    public SnapshotCopier(EntityPlan plan, SourceStore source, TargetStore target, MigrationListener listener,
                          int jobs, boolean withMaxUpdate) {
        this.withMaxUpdate = withMaxUpdate;
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.listener = listener;
        this.jobs = jobs;
    }

    /**
     * Copies the entity from {@code snapshot} and stores its checkpoint at the snapshot's watermark.
     *
     * @param fresh start over, ignoring ranges an earlier attempt wrote: what follows cannot read again what changed
     *              since (a new replication slot starts at this snapshot)
     */
    public RunReport.Entity copy(PgSnapshot snapshot, boolean fresh) {
        long started = System.nanoTime();
        String name = plan.spec().name();
        String type = source.describe(plan.source()).stream().filter(f -> f.name().equals(plan.spec().updatedAt()))
                .map(Field::type).findFirst().orElse("timestamptz");
        Optional<Checkpoint> earlier = target.checkpoint(name + IN_PROGRESS);
        String watermark;
        long step;
        boolean resumed = false;
        if (!fresh && earlier.isPresent() && earlier.get().position().updatedAt().isPresent()
                && earlier.get().position().key().size() == 2) {
            watermark = earlier.get().position().updatedAt().get(); // the first attempt's: the earliest
            step = Long.parseLong(earlier.get().position().key().get(0));
            attempt = earlier.get().position().key().get(1);
            resumed = true;
        } else {
            attempt = java.util.UUID.randomUUID().toString().substring(0, 8); // names this attempt's ranges
            watermark = snapshot.watermark(type, plan.spec().source(),
                    withMaxUpdate ? plan.spec().updatedAt() : null);
            step = snapshot.blocksPerRange(plan.spec().source(), plan.spec().batch());
            target.write(List.of(), new Checkpoint(name + IN_PROGRESS, new Position(Optional.ofNullable(watermark),
                    List.of(Long.toString(step), attempt), Duration.ZERO), 0, Instant.now()));
        }
        // a new attempt has written no range yet: only a resumed one asks the target which (a query per range)
        boolean resuming = resumed;
        List<PgSnapshot.Range> ranges = snapshot.ranges(plan.spec().source(), step).stream()
                .filter(r -> !resuming || target.checkpoint(rangeName(r)).isEmpty()).toList();
        boolean passThrough = plan.isIdentity() && target.copyPages().isPresent();
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
                    long rows = passThrough ? copyRange(snapshot, range, written)
                            : transformRange(snapshot, range, written);
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
        // no watermark (an empty table, an update time that is not a timestamp): the next run reads from the start
        target.write(List.of(), new Checkpoint(name, watermark == null ? Position.START
                : Position.from(watermark, Duration.ZERO), read.get(),
                Instant.now()));
        return new RunReport.Entity(name, read.get(), new java.util.LinkedHashMap<>(written), watermark, "start",
                Duration.ofNanos(System.nanoTime() - started), 0, read.get());
        // "start": a first copy, as the run report has always called it (ranges already copied are not counted)
    }

    private long copyRange(PgSnapshot snapshot, PgSnapshot.Range range, Map<String, Long> written) {
        CopyPage page = snapshot.copy(plan.source(), plan.sourceFields(), range, plan.sameBuiltInTypes());
        if (page.rows() == 0) {
            target.write(List.of(), done(range, 0));
        } else {
            target.copyPages().orElseThrow().write(plan.spec().target(), plan.spec().key(), page,
                    done(range, page.rows()));
            written.merge(plan.spec().target(), (long) page.rows(), Long::sum);
        }
        return page.rows();
    }

    private long transformRange(PgSnapshot snapshot, PgSnapshot.Range range, Map<String, Long> written) {
        List<Row> rows = snapshot.rows(plan.source(), range);
        Map<String, List<String>> keys = plan.keys();
        List<Batch> batches = new ArrayList<>();
        plan.transform(rows).forEach((table, out) -> {
            batches.add(new Batch(table, keys.get(table), out));
            written.merge(table, (long) out.size(), Long::sum);
        });
        target.write(batches, done(range, rows.size()));
        return rows.size();
    }

    /** The checkpoint a range is written with: that it is done, and its rows. */
    private Checkpoint done(PgSnapshot.Range range, long rows) {
        return new Checkpoint(rangeName(range), Position.START, rows, Instant.now());
    }

    private String rangeName(PgSnapshot.Range range) {
        return plan.spec().name() + IN_PROGRESS + "/" + attempt + "/" + range.from();
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
