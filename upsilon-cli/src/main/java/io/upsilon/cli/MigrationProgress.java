package io.upsilon.cli;

import io.upsilon.migrate.MigrationListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a migration's progress while it runs, one entity per line. On a terminal the lines are redrawn in place
 * ({@code \r}, and the cursor moved up over the other entities' lines) a few times a second, with rows, rows/s and,
 * when the number of rows to read is known, the share done and an ETA. Elsewhere (a log, a pipe) it prints plain
 * lines, at most one per entity every {@link #PLAIN_EVERY}, so logs stay readable. Silent for {@code --json}.
 *
 * <p>The listener is called from the entity threads; everything here is synchronized on this object.
 */
final class MigrationProgress implements MigrationListener, AutoCloseable {

    /** How often plain output may repeat an entity's line. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(2);

    /** How often the terminal lines are redrawn. */
    static final Duration REDRAW_EVERY = Duration.ofMillis(250);

    /** Lines longer than this would wrap, and moving the cursor up over wrapped lines goes wrong. */
    private static final int WIDTH = 78;

    private static final String UP = "\033[%dA";
    private static final String CLEAR_TO_END = "\033[K";

    /** How progress is shown. */
    enum Mode {
        /** Lines redrawn in place. */
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
    }

    private final PrintWriter out;
    private final Mode mode;
    private final LongSupplier nanos;
    private final Map<String, EntityState> entities = new LinkedHashMap<>();
    private final int nameWidth;
    private ScheduledExecutorService ticker;
    /** How many lines of the terminal block are on screen; the cursor is at the end of the last one. */
    private int drawn;
    private boolean dirty;

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
    }

    /** Progress on {@code out}, as {@code mode} says, redrawn by a timer on a terminal. */
    static MigrationProgress start(PrintWriter out, Mode mode, List<String> names) {
        MigrationProgress progress = new MigrationProgress(out, mode, names, System::nanoTime);
        if (mode == Mode.TERMINAL) {
            progress.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "upsilon-migrate-progress");
                t.setDaemon(true);
                return t;
            });
            progress.redraw();
            progress.ticker.scheduleAtFixedRate(progress::tick, REDRAW_EVERY.toMillis(), REDRAW_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return progress;
    }

    /** The number of rows the current run of {@code entity} will read, once counted: enables the ETA. */
    synchronized void total(String entity, long rows) {
        EntityState state = entities.get(entity);
        if (state != null) {
            state.total = rows;
            dirty = true;
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
        if (rows <= state.rows) {
            // a new run (continuous mode runs again and again): its start was not seen, so time it from this batch
            state.timedFromStart = false;
            state.total = null; // counted for the first run only
            state.runStarted = now;
        }
        if (state.rows == 0 || rows <= state.rows) {
            state.firstRows = rows;
            state.firstAt = now;
        }
        state.rows = rows;
        state.lastAt = now;
        dirty = true;
        if (mode == Mode.PLAIN && now - state.lastPrinted >= PLAIN_EVERY.toNanos()) {
            state.lastPrinted = now;
            out.println(line(entity, state) + "  up to " + updatedAt);
            out.flush();
        }
    }

    /** Prints a line of its own between the progress lines (the terminal block then starts afresh below it). */
    synchronized void message(String line) {
        if (mode == Mode.NONE) {
            return;
        }
        endBlock();
        out.println(line);
        out.flush();
    }

    private synchronized void tick() {
        if (dirty) {
            redraw();
        }
    }

    /** Draws every entity's line, over the ones drawn before. */
    synchronized void redraw() {
        if (mode != Mode.TERMINAL) {
            return;
        }
        StringBuilder block = new StringBuilder();
        if (drawn > 0) {
            block.append('\r');
            if (drawn > 1) {
                block.append(String.format(Locale.ROOT, UP, drawn - 1));
            }
        }
        int i = 0;
        for (Map.Entry<String, EntityState> e : entities.entrySet()) {
            String text = line(e.getKey(), e.getValue());
            block.append(text.length() > WIDTH ? text.substring(0, WIDTH) : text).append(CLEAR_TO_END);
            if (++i < entities.size()) {
                block.append('\n');
            }
        }
        out.print(block);
        out.flush();
        drawn = entities.size();
        dirty = false;
    }

    private void endBlock() {
        if (drawn > 0) {
            out.println();
            drawn = 0;
        }
    }

    /** "transfers  40000 of 100000 rows (40%)  21000 rows/s  ETA 3 s", padded so the lines align. */
    private String line(String entity, EntityState state) {
        StringBuilder line = new StringBuilder("  ").append(String.format(Locale.ROOT, "%-" + nameWidth + "s",
                entity)).append("  ");
        if (state.rows == 0 && state.total == null) {
            return line.append("starting").toString();
        }
        line.append(state.rows);
        if (state.total != null && state.total > 0) {
            long percent = Math.min(100, state.rows * 100 / state.total);
            line.append(" of ").append(state.total).append(" rows (").append(percent).append("%)");
        } else {
            line.append(" rows");
        }
        double rate = rate(state);
        if (rate > 0) {
            line.append("  ").append(Math.round(rate)).append(" rows/s");
            if (state.total != null && state.total > state.rows) {
                line.append("  ETA ").append(Text.age((long) ((state.total - state.rows) * 1000 / rate)));
            }
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

    /** Stops redrawing; the terminal's lines are drawn one last time and the cursor moves below them. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (mode == Mode.TERMINAL && (drawn > 0 || dirty)) {
                redraw();
            }
            endBlock();
            out.flush();
        }
    }
}
