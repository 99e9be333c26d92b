package io.upsilon.cli;

import io.upsilon.Version;
import io.upsilon.migrate.Migration;
import io.upsilon.migrate.MigrationProgress;
import io.upsilon.migrate.MigrationSpec.EntitySpec;
import io.upsilon.report.ReportText;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantResult;
import io.upsilon.tenant.TenantUpgrader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.io.output.WriterOutputStream;

/**
 * Shows a long run while it goes, in one of three {@link Mode}s: on a terminal, progress bars (the me.tongfei
 * progressbar library, redrawn in place a few times a second) with a rate and, once the total is known, the share done
 * and an ETA; elsewhere (a log, a pipe) plain lines, so a long run is visibly alive; nothing for {@code --json}.
 * <ul>
 * <li>A migration ({@link #start}): a bar per entity on the command's output, of rows and rows/s
 * ({@link MigrationProgress} works them out, and counts the rows to read in the background); the plain lines are the
 * tracker's ({@link MigrationProgress#logging}), at most one per entity every {@link #PLAIN_EVERY}.</li>
 * <li>A tenant upgrade ({@link #tenants}): one bar of tenants with tenants/s on stderr, or a plain line per tenant as
 * it starts.</li>
 * </ul>
 *
 * <p>Called from the run's threads; every method takes this view's lock.
 */
final class ProgressView implements MigrationProgress.View, TenantUpgrader.Listener, AutoCloseable {

    /** How often plain output may repeat an entity's line. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(2);

    /** How often the terminal's bars are redrawn. */
    static final Duration REDRAW_EVERY = Duration.ofMillis(250);

    private static final String ROWS_PER_SECOND = "#,##0";

    /** The key and label of a tenant upgrade's bar (a migration's bars are keyed by entity). */
    private static final String TENANTS = "tenants";

    /** Bars longer than this would wrap, and moving the cursor over wrapped lines goes wrong. */
    static final int WIDTH = 100;

    /** How progress is shown. */
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
    /**
     * Where the terminal's bars are drawn: the library writes to a {@link PrintStream}, whose bytes go, decoded as
     * UTF-8, to a writer of the command, so the bars go where the rest of its output goes; null in the other modes.
     */
    private final PrintStream bars;
    /** The terminal's bars, per entity or {@link #TENANTS}; none until drawn, and after a message ended the block. */
    private final Map<String, ProgressBar> drawn = new HashMap<>();
    private MigrationProgress tracker;

    private ProgressView(PrintWriter out, PrintWriter barsOut, Mode mode, List<String> names) {
        this.out = out;
        this.mode = mode;
        this.nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        this.bars = mode != Mode.TERMINAL ? null : new PrintStream(WriterOutputStream.builder().setWriter(barsOut)
                .setCharset(StandardCharsets.UTF_8).getUnchecked(), true, StandardCharsets.UTF_8);
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
        ProgressView view = new ProgressView(out, out, mode, names);
        view.tracker = switch (mode) {
            case PLAIN -> MigrationProgress.logging(names, view::notice, PLAIN_EVERY, nanos);
            case NONE -> new MigrationProgress(names, entity -> { }, nanos); // --json: the capture mode is in the JSON
            case TERMINAL -> new MigrationProgress(names, view, nanos);
        };
        if (mode == Mode.TERMINAL) { // no lock yet: no other thread has the view before it is returned
            names.forEach(name -> view.drawn.put(name, view.bar(view.label(name), " rows", ROWS_PER_SECOND, 0,
                    null)));
        }
        return view;
    }

    /**
     * A tenant upgrade's view, to give the run as its listener: a bar on {@code err} on a terminal, a line on
     * {@code out} per tenant as it starts ({@code -> acme 1.0.0}) elsewhere, nothing for {@link Mode#NONE}.
     */
    static ProgressView tenants(PrintWriter out, PrintWriter err, Mode mode) {
        return new ProgressView(out, err, mode, List.of());
    }

    /** The migration's listener to give the run. */
    MigrationProgress tracker() {
        return tracker;
    }

    @Override
    public synchronized void total(String entity, long rows) {
        ProgressBar bar = drawn.get(entity);
        if (bar != null) {
            bar.maxHint(rows);
        }
    }

    @Override
    public synchronized void notice(String line) {
        out.println(line);
        out.flush();
    }

    /** The terminal's bar of the entity's run; a new run gets a new bar. */
    @Override
    public synchronized void update(MigrationProgress.Entity entity) {
        ProgressBar bar = drawn.get(entity.name());
        if (entity.newRun() && bar != null) {
            bar.close();
            bar = null;
        }
        if (bar == null) {
            // a run whose start was not timed: the rows so far are the bar's baseline, not part of its rate
            bar = bar(label(entity.name()), " rows", ROWS_PER_SECOND, entity.baseline() > 0 ? entity.rows() : 0,
                    entity.total().isPresent() ? entity.total().getAsLong() : null);
            drawn.put(entity.name(), bar);
        }
        bar.stepTo(entity.rows());
    }

    @Override
    public synchronized void planned(List<TenantId> tenants) {
        if (mode == Mode.TERMINAL && !tenants.isEmpty()) {
            // tenants are few and slow, so their rate keeps a decimal
            drawn.put(TENANTS, bar(TENANTS, " tenants", "#,##0.0", 0, (long) tenants.size()));
        }
    }

    @Override
    public synchronized void started(TenantId tenant, Optional<Version> from) {
        if (mode == Mode.PLAIN) {
            notice("-> " + tenant + " " + ReportText.version(from));
        } else if (drawn.containsKey(TENANTS)) {
            drawn.get(TENANTS).setExtraMessage(" " + tenant.value()); // the bar puts it right after the speed
        }
    }

    @Override
    public synchronized void finished(TenantResult result) {
        if (drawn.containsKey(TENANTS)) {
            drawn.get(TENANTS).step();
        }
    }

    /** Prints a line of its own between the progress lines (the terminal's bars then start afresh below it). */
    synchronized void message(String line) {
        if (mode != Mode.NONE) {
            endBars();
            notice(line);
        }
    }

    /**
     * A new bar, drawn at once below the others.
     *
     * @param speed the rate's {@link DecimalFormat} pattern
     * @param done  units already done when it starts (not counted in its rate)
     * @param total the units to do, or null while unknown (the bar then shows units and units/s only)
     */
    private ProgressBar bar(String label, String unit, String speed, long done, Long total) {
        return new ProgressBarBuilder().setTaskName(label).setInitialMax(total == null ? -1 : total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1)
                .showSpeed(new DecimalFormat(speed, DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setUpdateIntervalMillis((int) REDRAW_EVERY.toMillis()).startsFrom(done, Duration.ZERO)
                // the consumer's width caps the line (the builder's setMaxRenderedLength only sizes its own consumer)
                .setConsumer(new InteractiveConsoleProgressBarConsumer(bars, WIDTH))
                .build();
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
    public synchronized void close() {
        endBars();
        out.flush();
    }
}
