package io.upsilon.migrate;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A migration's progress per entity, worked out from the batches a {@link MigrationListener} hears: rows read, rows
 * per second and, once the rows to read are known ({@link #total}, counted by {@link #countTotals}), the share done
 * and an ETA. Pass it as the listener of {@link Migrator#run}, or of a {@link ContinuousMigration}'s runs
 * ({@link ContinuousMigration.Listener#of}); every batch gives its {@link View} a fresh {@link Entity} to show (a
 * progress bar, a metric), or {@link #logging} writes log lines. Notices go to the view unchanged.
 *
 * <p>A continuous migration runs each entity again and again: a batch with no more rows than the last one starts a
 * new run. The first batch of such a run was not timed from the run's start, so it is the new run's baseline and the
 * rate counts only the rows after it. A total counted before the first run applies to that run only.
 *
 * <p>Thread-safe: batches come from the entity threads; the view is called under this object's lock, one call at a
 * time.
 */
public final class MigrationProgress implements MigrationListener {

    /**
     * One entity's current run, as far as the batches tell.
     *
     * @param name          the entity
     * @param rows          source rows this run has read so far
     * @param baseline      rows of this run that were read before it was timed (the first batch of a run after the
     *                      first), not counted in {@code rowsPerSecond}
     * @param total         the rows this run will read, once counted
     * @param rowsPerSecond rows per second of this run up to its latest batch; 0 while unknown
     * @param updatedAt     the latest update time written
     * @param newRun        whether this batch started a new run (the rows fell back)
     * @param nanos         when this batch was heard, on the tracker's clock ({@link System#nanoTime()})
     */
    public record Entity(String name, long rows, long baseline, OptionalLong total, double rowsPerSecond,
                         String updatedAt, boolean newRun, long nanos) {

        /** The share of the total read, 0 to 1; empty while the total is unknown (or 0). */
        public Optional<Double> share() {
            return total.isPresent() && total.getAsLong() > 0
                    ? Optional.of(Math.min(1.0, (double) rows / total.getAsLong())) : Optional.empty();
        }

        /** The time left at the current rate; empty while the total or the rate is unknown. */
        public Optional<Duration> eta() {
            if (total.isEmpty() || rowsPerSecond <= 0) {
                return Optional.empty();
            }
            long left = Math.max(0, total.getAsLong() - rows);
            return Optional.of(Duration.ofMillis(Math.round(left * 1000 / rowsPerSecond)));
        }
    }

    /** Shows the progress; called under the tracker's lock, so keep it quick. */
    public interface View {

        /** A batch of {@code entity} was written. */
        void update(Entity entity);

        /** The rows the current run of {@code entity} will read are now known. */
        default void total(String entity, long rows) {
        }

        /** A line for the operator ({@link MigrationListener#notice}). */
        default void notice(String line) {
        }
    }

    /** What the tracker knows of one entity's run. */
    private static final class State {
        long rows;
        long runStarted;
        long firstRows;
        long firstAt;
        boolean timedFromStart = true;
        long lastAt;
        Long total;
        String updatedAt;
        boolean heard;
    }

    private final View view;
    private final LongSupplier nanos;
    private final Map<String, State> entities = new LinkedHashMap<>();

    /**
     * A tracker of {@code entities} (the spec's entity names), timed from now on {@code nanos} (a test's clock, or
     * {@link System#nanoTime()}).
     */
    public MigrationProgress(List<String> entities, View view, LongSupplier nanos) {
        this.view = Objects.requireNonNull(view, "view");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        long now = nanos.getAsLong();
        for (String name : entities) {
            State state = new State();
            state.runStarted = now;
            this.entities.put(name, state);
        }
    }

    /** A tracker of every entity of {@code spec}, on {@link System#nanoTime()}. */
    public static MigrationProgress of(MigrationSpec spec, View view) {
        return new MigrationProgress(spec.entities().stream().map(MigrationSpec.EntitySpec::name).toList(), view,
                System::nanoTime);
    }

    /**
     * Counts, in the background (a daemon thread per entity), the rows the next run of each entity will read
     * ({@link Migrator#rowsToRead}) and sets them as its {@link #total}: the views then gain a share and an ETA. A
     * count that fails or is not possible leaves the total unknown; the migration never waits for a count.
     */
    public void countTotals(Migrator migrator, Optional<String> since) {
        for (String name : entities.keySet()) {
            Thread count = new Thread(() -> migrator.rowsToRead(name, since).ifPresent(rows -> total(name, rows)),
                    "upsilon-migrate-count");
            count.setDaemon(true);
            count.start();
        }
    }

    /**
     * A tracker that writes plain lines to {@code lines}, for a log where redrawn bars make no sense: per entity at
     * most one line every {@code every} (the first once {@code every} has passed), such as {@code
     * "  transfers  4000 rows  2000 rows/s  up to 2026-01-01 00:00:40+00"}, the names padded so the lines align.
     * Notices are written as they come.
     */
    public static MigrationProgress logging(List<String> entities, Consumer<String> lines, Duration every,
                                            LongSupplier nanos) {
        return new MigrationProgress(entities, new LogLines(entities, lines, every, nanos.getAsLong()), nanos);
    }

    /** The view of {@link #logging}. */
    private static final class LogLines implements View {
        private final Consumer<String> lines;
        private final long every;
        private final int nameWidth;
        private final Map<String, Long> lastWritten = new HashMap<>();
        private final long started;

        LogLines(List<String> entities, Consumer<String> lines, Duration every, long started) {
            this.lines = Objects.requireNonNull(lines, "lines");
            this.every = every.toNanos();
            this.nameWidth = entities.stream().mapToInt(String::length).max().orElse(0);
            this.started = started;
        }

        @Override
        public void update(Entity e) {
            if (e.nanos() - lastWritten.getOrDefault(e.name(), started) >= every) {
                lastWritten.put(e.name(), e.nanos());
                lines.accept("  " + String.format(Locale.ROOT, "%-" + nameWidth + "s", e.name()) + "  " + e.rows()
                        + " rows" + (e.rowsPerSecond() > 0 ? "  " + Math.round(e.rowsPerSecond()) + " rows/s" : "")
                        + "  up to " + e.updatedAt());
            }
        }

        @Override
        public void notice(String line) {
            lines.accept(line);
        }
    }

    /** Sets the number of rows the current run of {@code entity} will read; an unknown entity is ignored. */
    public synchronized void total(String entity, long rows) {
        State state = entities.get(entity);
        if (state != null) {
            state.total = rows;
            view.total(entity, rows);
        }
    }

    /** The latest of {@code entity}'s run; empty before its first batch or for an unknown entity. */
    public synchronized Optional<Entity> get(String entity) {
        State state = entities.get(entity);
        return state == null || !state.heard ? Optional.empty()
                : Optional.of(snapshot(entity, state, false));
    }

    @Override
    public synchronized void progress(String entity, long rows, String updatedAt) {
        State state = entities.get(entity);
        if (state == null) {
            return;
        }
        long now = nanos.getAsLong();
        boolean newRun = rows <= state.rows;
        if (newRun) {
            // the run's start was not seen: time it from this batch, which becomes its baseline
            state.timedFromStart = false;
            state.total = null;
            state.runStarted = now;
        }
        if (state.rows == 0 || newRun) {
            state.firstRows = rows;
            state.firstAt = now;
        }
        state.rows = rows;
        state.lastAt = now;
        state.updatedAt = updatedAt;
        state.heard = true;
        view.update(snapshot(entity, state, newRun));
    }

    @Override
    public synchronized void notice(String line) {
        view.notice(line);
    }

    private static Entity snapshot(String name, State state, boolean newRun) {
        return new Entity(name, state.rows, state.timedFromStart ? 0 : state.firstRows,
                state.total == null ? OptionalLong.empty() : OptionalLong.of(state.total), rate(state),
                state.updatedAt, newRun, state.lastAt);
    }

    /**
     * Rows per second of the current run up to its latest batch (so an entity that has finished keeps its rate while
     * the others go on), or 0 while unknown.
     */
    private static double rate(State state) {
        if (state.timedFromStart) {
            long elapsed = state.lastAt - state.runStarted;
            return elapsed <= 0 || state.rows == 0 ? 0 : state.rows * 1e9 / elapsed;
        }
        long elapsed = state.lastAt - state.firstAt;
        return elapsed <= 0 || state.rows <= state.firstRows ? 0 : (state.rows - state.firstRows) * 1e9 / elapsed;
    }
}
