package io.upsilon.cli;

import io.upsilon.migrate.Migration;
import io.upsilon.migrate.MigrationProgress;
import io.upsilon.migrate.MigrationSpec.EntitySpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;

/**
 * Shows a migration's progress ({@link MigrationProgress} works out rows, rates and totals) while it runs. On a
 * terminal each entity has a progress bar (the me.tongfei progressbar library, redrawn in place a few times a second):
 * rows, rows/s and, once the number of rows to read is counted, the share done and an ETA. Elsewhere (a log, a pipe)
 * the tracker's plain lines ({@link MigrationProgress#logging}), at most one per entity every {@link #PLAIN_EVERY}, so
 * logs stay readable. Silent for {@code --json}.
 *
 * <p>Only the terminal's tracker calls this view, under its lock; {@link #message} and {@link #close} take the same
 * lock.
 */
final class ProgressView implements MigrationProgress.View, AutoCloseable {

    /** How often plain output may repeat an entity's line. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(2);

    /** How often the terminal's bars are redrawn. */
    static final Duration REDRAW_EVERY = Duration.ofMillis(250);

    /** How progress is shown; {@link TenantProgress} shows a tenant upgrade the same three ways. */
    enum Mode {
        /** Progress bars redrawn in place (a person is watching). */
        TERMINAL,
        /** Plain lines (a log, a pipe). */
        PLAIN,
        /** Nothing ({@code --json}). */
        NONE;

        /** The mode for a command: nothing for JSON, bars when a person is watching, else plain lines. */
        static Mode of(boolean json) {
            return json ? NONE : System.console() != null ? TERMINAL : PLAIN;
        }
    }

    private final PrintWriter out;
    private final Mode mode;
    private final int nameWidth;
    private final ProgressBars bars;
    /** The terminal's bar per entity; none until drawn, and again after a message ended the block. */
    private final Map<String, ProgressBar> drawn = new HashMap<>();
    private MigrationProgress tracker;

    private ProgressView(PrintWriter out, Mode mode, List<String> names) {
        this.out = out;
        this.mode = mode;
        this.nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        this.bars = mode == Mode.TERMINAL ? new ProgressBars(out, REDRAW_EVERY) : null;
    }

    /**
     * Progress of a run of every entity of {@code migration} on {@code out}: bars on a console (every entity's drawn
     * at once, and the rows each will read counted in the background for the ETA), nothing for {@code --json}, plain
     * lines otherwise.
     */
    static ProgressView start(PrintWriter out, boolean json, Migration migration, Optional<String> since) {
        Mode mode = Mode.of(json);
        ProgressView view = create(out, mode, migration.spec().entities().stream().map(EntitySpec::name).toList(),
                System::nanoTime);
        if (mode == Mode.TERMINAL) {
            view.tracker.countTotals(migration.migrator(), since);
        }
        return view;
    }

    /** A view of {@code names} with its tracker, timed on {@code nanos}; on a terminal every bar is drawn at once. */
    static ProgressView create(PrintWriter out, Mode mode, List<String> names, LongSupplier nanos) {
        ProgressView view = new ProgressView(out, mode, names);
        view.tracker = switch (mode) {
            case PLAIN -> MigrationProgress.logging(names, line -> {
                out.println(line);
                out.flush();
            }, PLAIN_EVERY, nanos);
            case NONE -> new MigrationProgress(names, entity -> { }, nanos); // --json: the capture mode is in the JSON
            case TERMINAL -> new MigrationProgress(names, view, nanos);
        };
        if (mode == Mode.TERMINAL) {
            synchronized (view.tracker) {
                names.forEach(name -> view.drawn.put(name, view.bars.start(view.label(name), 0, null)));
            }
        }
        return view;
    }

    /** The listener to give the run. */
    MigrationProgress tracker() {
        return tracker;
    }

    @Override
    public void total(String entity, long rows) {
        ProgressBar bar = drawn.get(entity);
        if (bar != null) {
            bar.maxHint(rows);
        }
    }

    @Override
    public void notice(String line) {
        out.println(line);
        out.flush();
    }

    /** The terminal's bar of the entity's run; a new run gets a new bar. */
    @Override
    public void update(MigrationProgress.Entity entity) {
        ProgressBar bar = drawn.get(entity.name());
        if (entity.newRun() && bar != null) {
            bar.close();
            bar = null;
        }
        if (bar == null) {
            // a run whose start was not timed: the rows so far are the bar's baseline, not part of its rate
            bar = bars.start(label(entity.name()), entity.baseline() > 0 ? entity.rows() : 0,
                    entity.total().isPresent() ? entity.total().getAsLong() : null);
            drawn.put(entity.name(), bar);
        }
        bar.stepTo(entity.rows());
    }

    /** Prints a line of its own between the progress lines (the terminal's bars then start afresh below it). */
    void message(String line) {
        if (mode != Mode.NONE) {
            synchronized (tracker) {
                endBars();
                out.println(line);
                out.flush();
            }
        }
    }

    private void endBars() {
        if (bars != null) {
            drawn.values().forEach(ProgressBar::close);
            drawn.clear();
            bars.flush();
        }
    }

    private String label(String entity) {
        return "  " + String.format(Locale.ROOT, "%-" + nameWidth + "s", entity);
    }

    /** Draws the terminal's bars one last time, below which the output goes on. */
    @Override
    public void close() {
        synchronized (tracker) {
            endBars();
            out.flush();
        }
    }
}
