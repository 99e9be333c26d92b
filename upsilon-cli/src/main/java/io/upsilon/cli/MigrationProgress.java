package io.upsilon.cli;

import io.upsilon.migrate.MigrationListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;

/**
 * Shows a migration's progress while it runs. On a terminal each entity has a progress bar (the me.tongfei
 * progressbar library, redrawn in place a few times a second): rows, rows/s and, once the number of rows to read is
 * counted, the share done and an ETA. Elsewhere (a log, a pipe) it prints plain lines with rows and rows/s, at most
 * one per entity every {@link #PLAIN_EVERY}, so logs stay readable. Silent for {@code --json}.
 *
 * <p>The listener is called from the entity threads; everything here is synchronized on this object.
 */
final class MigrationProgress implements MigrationListener, AutoCloseable {

    /** How often plain output may repeat an entity's line. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(2);

    /** How often the terminal's bars are redrawn. */
    static final Duration REDRAW_EVERY = Duration.ofMillis(250);

    /** How progress is shown. */
    enum Mode {
        /** A progress bar per entity, redrawn in place. */
        TERMINAL,
        /** Plain lines, throttled. */
        PLAIN,
        /** Nothing ({@code --json}). */
        NONE
    }

    /** One entity's run as far as the listener has heard. */
    private static final class EntityState {
        long rows;
        long runStarted;
        /** Rows and time of the first batch heard in this run; the rate baseline of runs after the first. */
        long firstRows;
        long firstAt;
        boolean timedFromStart;
        long lastAt;
        Long total;
        long lastPrinted;
        /** The terminal's bar for this run; null until drawn, and again after a message ended the block. */
        ProgressBar bar;
    }

    private final PrintWriter out;
    private final Mode mode;
    private final LongSupplier nanos;
    private final Map<String, EntityState> entities = new LinkedHashMap<>();
    private final int nameWidth;
    private final ProgressBars bars;

    MigrationProgress(PrintWriter out, Mode mode, List<String> names, LongSupplier nanos) {
        this.out = out;
        this.mode = mode;
        this.nanos = nanos;
        long now = nanos.getAsLong();
        for (String name : names) {
            EntityState state = new EntityState();
            state.runStarted = now;
            state.timedFromStart = true;
            state.lastPrinted = now;
            entities.put(name, state);
        }
        this.nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        this.bars = mode == Mode.TERMINAL ? new ProgressBars(out, REDRAW_EVERY) : null;
    }

    /** Progress on {@code out}, as {@code mode} says; on a terminal every entity's bar is drawn at once. */
    static MigrationProgress start(PrintWriter out, Mode mode, List<String> names) {
        MigrationProgress progress = new MigrationProgress(out, mode, names, System::nanoTime);
        if (mode == Mode.TERMINAL) {
            synchronized (progress) {
                progress.entities.forEach((name, state) -> state.bar = progress.bars.start(progress.label(name),
                        0, state.total));
            }
        }
        return progress;
    }

    /** The number of rows the current run of {@code entity} will read, once counted: enables the ETA. */
    synchronized void total(String entity, long rows) {
        EntityState state = entities.get(entity);
        if (state != null) {
            state.total = rows;
            if (state.bar != null) {
                state.bar.maxHint(rows);
            }
        }
    }

    @Override
    public synchronized void notice(String line) {
        if (mode == Mode.NONE) {
            return; // --json: the capture mode is in the JSON
        }
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void progress(String entity, long rows, String updatedAt) {
        EntityState state = entities.get(entity);
        if (state == null || mode == Mode.NONE) {
            return;
        }
        long now = nanos.getAsLong();
        boolean newRun = rows <= state.rows;
        if (newRun) {
            // a new run (continuous mode runs again and again): its start was not seen, so time it from this batch
            state.timedFromStart = false;
            state.total = null; // counted for the first run only
            state.runStarted = now;
        }
        if (state.rows == 0 || newRun) {
            state.firstRows = rows;
            state.firstAt = now;
        }
        state.rows = rows;
        state.lastAt = now;
        if (mode == Mode.TERMINAL) {
            if (newRun && state.bar != null) {
                state.bar.close();
                state.bar = null;
            }
            if (state.bar == null) {
                // the batch that started this run was not timed: it is the bar's baseline, not part of its rate
                state.bar = bars.start(label(entity), state.timedFromStart ? 0 : rows, state.total);
            }
            state.bar.stepTo(rows);
        } else if (now - state.lastPrinted >= PLAIN_EVERY.toNanos()) {
            state.lastPrinted = now;
            out.println(line(entity, state) + "  up to " + updatedAt);
            out.flush();
        }
    }

    /** Prints a line of its own between the progress lines (the terminal's bars then start afresh below it). */
    synchronized void message(String line) {
        if (mode == Mode.NONE) {
            return;
        }
        endBars();
        out.println(line);
        out.flush();
    }

    private void endBars() {
        if (bars != null) {
            entities.values().forEach(state -> {
                if (state.bar != null) {
                    state.bar.close();
                    state.bar = null;
                }
            });
            bars.flush();
        }
    }

    private String label(String entity) {
        return "  " + String.format(Locale.ROOT, "%-" + nameWidth + "s", entity);
    }

    /** "transfers  40000 rows  21000 rows/s", padded so the lines align. */
    private String line(String entity, EntityState state) {
        StringBuilder line = new StringBuilder(label(entity)).append("  ").append(state.rows).append(" rows");
        double rate = rate(state);
        if (rate > 0) {
            line.append("  ").append(Math.round(rate)).append(" rows/s");
        }
        return line.toString();
    }

    /**
     * Rows per second of the current run up to its latest batch (so an entity that has finished keeps its rate while
     * the others go on), or 0 while unknown.
     */
    private static double rate(EntityState state) {
        if (state.timedFromStart) {
            long elapsed = state.lastAt - state.runStarted;
            return elapsed <= 0 || state.rows == 0 ? 0 : state.rows * 1e9 / elapsed;
        }
        long elapsed = state.lastAt - state.firstAt;
        return elapsed <= 0 || state.rows <= state.firstRows ? 0 : (state.rows - state.firstRows) * 1e9 / elapsed;
    }

    /** Draws the terminal's bars one last time, below which the output goes on. */
    @Override
    public synchronized void close() {
        endBars();
        out.flush();
    }
}
