package io.upsilon.cli;

import io.upsilon.migrate.ContinuousMigration;
import io.upsilon.migrate.Migration;
import io.upsilon.migrate.ContinuousView;
import io.upsilon.migrate.CutoverHook;
import io.upsilon.migrate.TrafficSwitch;
import java.io.PrintWriter;
import java.time.Duration;
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
final class MigrateContinuousCommand extends MigrateBaseCommand {

    @Mixin OldClusterSchemaOption oldClusterSchemaOption;

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
        ContinuousMigration.Builder builder = ContinuousMigration.builder().names(OPTIONS)
                .maxLagRows(maxLagRows).maxRuns(maxRuns).pauseSeconds(pauseSeconds)
                .maxKeys(maxKeys).newLocation(newLocation).switchCommand(switchCommand,
                        Duration.ofSeconds(switchTimeoutSeconds), line -> printChildLine("switch: " + line));
        if (cutover == CutoverChoice.maintenance) {
            builder.maintenance(options.schema);
        }
        if (cutover == CutoverChoice.maintenance || spec.commandLine().getParseResult()
                .hasMatchedOption("--drain-timeout")) {
            builder.drain(Duration.ofSeconds(drainTimeoutSeconds));
        }
        builder.check();
        try (Migration migration = openSpec(jobs.options())) {
            builder.names(migration.migrator().options().names()).migration(migration);
            progress(out, builder.plan());
            ContinuousMigration continuous;
            ContinuousMigration.Report report;
            try (ProgressView progress = ProgressView.start(out, options.json, migration, Optional.empty())) {
                continuous = builder.listener(ContinuousMigration.Listener.of(progress.tracker()))
                        .narrate(progress::message).build();
                report = continuous.run();
            }
            ContinuousView view = continuous.view(report, specFile.path.toString());
            print(out, view, () -> {
                out.print(continuous.describe(report));
                out.println(continuous.summary(report));
            });
            return exit(out, Optional.ofNullable(view.error()));
        }
    }
}
