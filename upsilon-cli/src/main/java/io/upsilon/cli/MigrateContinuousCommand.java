package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.CutoverHook;
import io.upsilon.migrate.CutoverReport;
import io.upsilon.migrate.ContinuousMigration;
import io.upsilon.migrate.Migration;
import io.upsilon.migrate.TrafficSwitch;
import io.upsilon.migrate.MigrationSpec.Endpoint;
import io.upsilon.migrate.Migrator.Deletes;
import io.upsilon.migrate.RunReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code upsilon migrate continuous}: incremental runs until the target is close behind, then the cut-over in the
 * order {@link CutoverHook} documents: the old cluster's maintenance window (or none, by hand) and the new cluster's,
 * a final catch-up with deletes, verification, the traffic switch ({@code --switch-command}), the old cluster retired
 * (its window stays open, reason {@code moved}) and the new cluster opened.
 */
@Command(name = "continuous", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Catches up with incremental runs (--pause apart) until a run reads at most --max-lag-rows rows"
                + " of any entity, then cuts over to the new cluster inside the old cluster's maintenance window.",
                "The cut-over:",
                "1. --cutover maintenance opens the maintenance window in the old cluster's database (the spec's"
                        + " source, its Upsilon tables in --schema): every node's gate holds new work, and the drain"
                        + " waits up to --drain-timeout for the work in flight. --cutover manual opens nothing:"
                        + " stop the writes to the old cluster yourself.",
                "   With --cutover maintenance the new cluster's window (the spec's target, when it is PostgreSQL)"
                        + " opens too: its gates hold work until the switch.",
                "2. A final catch-up with deletes propagated, then verification of every target table.",
                "3. If the target matches, --switch-command points the clients at the new cluster (exit status 0 ="
                        + " switched). Then the old cluster is retired: its window stays open with the reason"
                        + " 'moved' (and --new-location), its gates answer 503 naming the new location, and only"
                        + " 'upsilon maintenance exit --yes' reopens it. Last, the new cluster's window closes.",
                "4. If the target does not match, or the switch command fails, traffic stays on the old cluster,"
                        + " both windows stay open (run again to continue in them, or 'upsilon maintenance exit' on"
                        + " the old cluster to give it its traffic back) and it exits with 1.",
                "Exits with 1 too when --max-runs runs pass without the lag falling that low (no window is"
                        + " opened then), and with 2 when the spec does not fit the stores."})
final class MigrateContinuousCommand extends BaseCommand {

    @Mixin TransformerClasspathOption transformerClasspathOption;
    @Mixin OldClusterSchemaOption oldClusterSchemaOption;

    @Mixin
    SpecOption specFile;

    @Mixin
    JobsOption jobs;

    @Option(names = "--max-lag-rows", paramLabel = "N", defaultValue = "1000", description = "Cut over once a"
            + " catch-up run reads at most N rows of any entity (the overlap re-read included): the final catch-up"
            + " inside the window then copies about that many. The window also holds the deletes check and the"
            + " verification, which read both sides in full.")
    long maxLagRows;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "100", description = "Give up (exit 1, no"
            + " window) after N catch-up runs without the lag falling to --max-lag-rows.")
    int maxRuns;

    @Option(names = "--pause", paramLabel = "SECONDS", defaultValue = "1",
            description = "The wait between catch-up runs.")
    double pauseSeconds;

    @Option(names = "--cutover", paramLabel = "HOW", defaultValue = "maintenance", description = "How writes to the"
            + " old cluster stop for the final catch-up: ${COMPLETION-CANDIDATES}.")
    CutoverChoice cutover;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "How long"
            + " --cutover maintenance waits for the old cluster's work in flight before giving up (exit 1, the"
            + " window stays open).")
    long drainTimeoutSeconds;

    @Option(names = "--max-keys", paramLabel = "N", defaultValue = "20", description = "The verification lists at"
            + " most N mismatching keys of each kind per table.")
    int maxKeys;

    @Option(names = "--switch-command", paramLabel = "CMD", description = "Run by 'sh -c' after a clean"
            + " verification to point the clients at the new cluster, with " + TrafficSwitch.OLD_URL_ENV + " and "
            + TrafficSwitch.NEW_URL_ENV + " (no passwords) in its environment; exit status 0 means switched,"
            + " anything else leaves traffic on the old cluster. Its output goes to stderr. Default: none (switch"
            + " by hand once it says cut over).")
    String switchCommand;

    @Option(names = "--switch-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Kill"
            + " --switch-command after this long; the switch then counts as failed.")
    long switchTimeoutSeconds;

    @Option(names = "--new-location", paramLabel = "URL", description = "Where clients reach the service after the"
            + " cut-over; kept in the old cluster's retired window and named by its gates' 503 answers"
            + " (--cutover maintenance only). Default: none.")
    String newLocation;

    @Override
    int run(PrintWriter out) throws InterruptedException {
        check();
        try (MigrationSession session = MigrationSession.open(specFile.path, options, main(), jobs.options())) {
            Migration migration = session.migration();
            ContinuousMigration.Builder builder;
            try {
                builder = builder(migration);
            } catch (UpsilonException e) {
                throw explain(e, session);
            }
            if (!options.json) {
                out.println("Continuous migration from " + migration.sourceName() + " to " + migration.targetName()
                        + ": catch-up runs until one reads at most " + Text.plural(maxLagRows, "row", "rows")
                        + " (at most " + Text.plural(maxRuns, "run", "runs") + ", " + Text.duration(pause())
                        + " apart), then" + (maintenance() ? " the cut-over in the old cluster's maintenance window."
                                : " the cut-over (--cutover manual: no window is opened)."));
                out.flush();
            }
            ContinuousMigration continuous;
            ContinuousMigration.Report report;
            try (ProgressView progress = ProgressView.start(out, options.json, migration, Optional.empty())) {
                continuous = builder.listener(ContinuousMigration.Listener.of(progress.tracker()))
                        .narrate(line -> progress.message(localize(line, session))).build();
                report = continuous.run();
            } catch (UpsilonException e) {
                throw explain(e, session);
            }
            String failure = failure(report, session);
            if (options.json) {
                printJson(out, json(migration, report, failure));
            } else {
                print(out, report);
                out.println(localize(continuous.summary(report), session));
            }
            if (failure != null) {
                out.flush();
                printError(failure);
                return report.error().orElseThrow().exitCode();
            }
            return 0;
        }
    }

    /** The library call, as the options say: the old and new clusters' windows from the spec's databases. */
    private ContinuousMigration.Builder builder(Migration migration) {
        TrafficSwitch trafficSwitch = switchCommand == null ? () -> { } : TrafficSwitch.command(switchCommand,
                migration.sourceName(), migration.targetName(), Duration.ofSeconds(switchTimeoutSeconds),
                line -> printChildLine("switch: " + line));
        ContinuousMigration.Builder builder = ContinuousMigration.builder(migration.migrator())
                .maxLagRows(maxLagRows).maxRuns(maxRuns).pause(pause()).maxKeys(maxKeys).trafficSwitch(trafficSwitch);
        if (maintenance()) {
            builder.maintenance(migration, options.schema).drain(Duration.ofSeconds(drainTimeoutSeconds))
                    .newLocation(newLocation);
        }
        return builder;
    }

    private boolean maintenance() {
        return cutover == CutoverChoice.maintenance;
    }

    private Duration pause() {
        return Duration.ofMillis(Math.round(pauseSeconds * 1000));
    }

    private void check() {
        if (maxLagRows < 0) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--max-lag-rows must be 0 or more, got " + maxLagRows);
        }
        if (maxRuns < 1) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--max-runs must be 1 or more, got " + maxRuns);
        }
        if (!(pauseSeconds >= 0) || pauseSeconds > 3600) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--pause must be 0 to 3600 seconds, got " + pauseSeconds);
        }
        if (drainTimeoutSeconds < 0) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--drain-timeout must be 0 or more seconds, got "
                    + drainTimeoutSeconds);
        }
        if (maxKeys < 0 || maxKeys > 100_000) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--max-keys must be 0 to 100000, got " + maxKeys);
        }
        if (switchTimeoutSeconds < 1) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--switch-timeout must be 1 or more seconds, got "
                    + switchTimeoutSeconds);
        }
        if (switchCommand != null && switchCommand.isBlank()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--switch-command is blank; give the command that points"
                    + " the clients at the new cluster, or leave the option out to switch by hand");
        }
        if (newLocation != null && (newLocation.isBlank() || cutover == CutoverChoice.manual)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--new-location needs a non-blank address and --cutover"
                    + " maintenance: it is kept in the old cluster's retired window, which --cutover manual does"
                    + " not open");
        }
        if (cutover == CutoverChoice.manual
                && spec.commandLine().getParseResult().hasMatchedOption("--drain-timeout")) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--drain-timeout only applies to --cutover maintenance;"
                    + " with --cutover manual nothing is drained, so leave it out");
        }
    }

    /** Why the command failed after printing its result, or null when it cut over. */
    private String failure(ContinuousMigration.Report result, MigrationSession session) {
        CutoverReport report = result.cutover();
        boolean windowOpen = result.windowOpen().orElse(false);
        switch (result.outcome()) {
            case CUT_OVER:
                return null;
            case SWITCH_FAILED:
                return "the target matches, but the traffic switch failed: " + report.switchFailure() + "; traffic"
                        + " stays on the old cluster" + (windowOpen ? ", whose maintenance window stays open (its"
                        + " nodes hold new work): fix the switch and run again to finish the cut-over, or close the"
                        + " window with " + exitCommand(session) + " to let the old cluster work again"
                        : ": fix the switch and run again");
            case LAG_TOO_HIGH:
                RunReport last = report.catchUps().get(report.catchUps().size() - 1);
                return "the lag did not fall to --max-lag-rows " + maxLagRows + " within --max-runs " + maxRuns
                        + " catch-up runs (the last read " + Text.plural(last.maxRowsRead(), "row", "rows") + "); "
                        + (windowOpen ? "nothing was cut over and the maintenance window an earlier run opened"
                        + " stays open: run again, or close it with " + exitCommand(session)
                        : "no window was opened and nothing was cut over: run again when the old cluster is"
                        + " quieter, or raise --max-runs or --max-lag-rows");
            default:
                String mismatch = "verification after the final catch-up failed: " + Text.plural(
                        report.verify().mismatches(), "mismatching key", "mismatching keys") + " in "
                        + report.verify().mismatched();
                if (windowOpen) {
                    return mismatch + "; the maintenance window on the old cluster stays open, so traffic stays"
                            + " there and its nodes hold new work: fix the target (see 'upsilon migrate verify"
                            + " --spec " + session.path() + "') and run again, or close the window with "
                            + exitCommand(session) + " to let the old cluster work again";
                }
                return mismatch + "; nothing was cut over: fix the target (see 'upsilon migrate verify --spec "
                        + session.path() + "') and run again";
        }
    }

    /** A library error with the CLI's names in it ({@link #localize}). */
    private UpsilonException explain(UpsilonException e, MigrationSession session) {
        String message = localize(e.getMessage(), session);
        return message.equals(e.getMessage()) ? e : new UpsilonException(e.code(), message, e);
    }

    /**
     * The library names the CLI's commands in general and describes its options; here the commands get the old
     * cluster's --url and --schema, and the options their flags.
     */
    private String localize(String line, MigrationSession session) {
        return line.replace("'upsilon maintenance exit --yes' on the old cluster", forceExitCommand(session))
                .replace("'upsilon maintenance exit' on the old cluster", exitCommand(session))
                .replace("'upsilon maintenance exit'", exitCommand(session))
                .replace("cut over by hand (no window)", "use --cutover manual")
                .replace("(manual cut-over", "(--cutover manual")
                .replace("an earlier cut-over opened", "an earlier 'upsilon migrate continuous' opened")
                .replace("the traffic switch pointed", "the switch command pointed")
                .replace("running the traffic switch", "running the switch command");
    }

    /** {@code 'upsilon maintenance exit --yes --url …'}: what reopens a retired old cluster. */
    private String forceExitCommand(MigrationSession session) {
        return exitCommand(session).replaceFirst("maintenance exit", "maintenance exit --yes");
    }

    /** {@code 'upsilon maintenance exit --url …'} on the old cluster's database, as the operator types it. */
    private String exitCommand(MigrationSession session) {
        Endpoint source = session.migration().spec().source();
        return "'upsilon maintenance exit --url " + source.url() + (source.user() == null ? ""
                : " --user " + source.user()) + ("public".equals(options.schema) ? "" : " --schema " + options.schema)
                + "'" + (source.passwordEnv() == null ? "" : " (with the password in $" + Main.PASSWORD_ENV + ")");
    }

    /** The runs, the final catch-up and the verification as tables; the summary follows. */
    private void print(PrintWriter out, ContinuousMigration.Report result) {
        CutoverReport report = result.cutover();
        out.println("Catch-up runs:");
        Table runs = new Table("RUN", "ENTITY", "FROM", "READ", "WRITTEN", "WATERMARK", "ROWS/S", "TOOK");
        for (int i = 0; i < report.catchUps().size(); i++) {
            for (RunReport.Entity e : report.catchUps().get(i).entities()) {
                runs.row(i + 1, e.name(), e.started(), e.rowsRead(), MigrateRunCommand.written(e), e.watermark(),
                        Math.round(e.rate()), Text.duration(e.took()));
            }
        }
        runs.print(out, "  ");
        if (report.finalRun() != null) {
            out.println("Final catch-up" + (result.entered() && maintenance() ? " inside the maintenance window"
                    : "") + " (deletes propagated):");
            MigrateRunCommand.print(out, report.finalRun(), Deletes.PROPAGATE, "  ");
            out.println("Verification:");
            MigrateVerifyCommand.print(out, report.verify(), "  ");
        }
    }

    private Map<String, Object> json(Migration migration, ContinuousMigration.Report result, String failure) {
        CutoverReport report = result.cutover();
        List<Object> catchUps = report.catchUps().stream()
                .map(run -> (Object) Json.object("entities", MigrateRunCommand.json(run, Deletes.IGNORE))).toList();
        return Json.object("spec", specFile.path.toString(), "source", migration.sourceName(),
                "target", migration.targetName(), "captureMode", result.captureMode().name().toLowerCase(Locale.ROOT),
                "cutover", cutover.name(), "cutOver", report.cutOver(),
                "catchUps", catchUps,
                "finalRun", report.finalRun() == null ? null
                        : Json.object("entities", MigrateRunCommand.json(report.finalRun(), Deletes.PROPAGATE)),
                "verify", report.verify() == null ? null : Json.object("matches", report.verify().matches(),
                        "tables", report.verify().tables()),
                "windowHeldMillis", report.finalRun() == null ? null : report.windowHeld().toMillis(),
                "drainMillis", result.drained().map(Duration::toMillis).orElse(null),
                "windowOpen", result.windowOpen().orElse(null),
                "switched", result.switched(), "switchError", report.switchFailure(),
                "trafficOn", report.traffic().name().toLowerCase(Locale.ROOT),
                "oldClusterRetired", result.retired(), "newLocation", newLocation,
                "error", result.error().map(code -> Json.error(code, failure)).orElse(null));
    }
}
