package io.upsilon.cli;

import io.upsilon.migrate.Migration;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.Migrator.Deletes;
import io.upsilon.migrate.RunReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon migrate run}: one run of every entity, from its checkpoint or from {@code --since}. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Copies every entity of the spec (in parallel) from the source to the target, transformed."
                + " The first run copies one consistent snapshot of each table in parallel ranges (--jobs); later"
                + " runs apply what changed: from the source's log through a replication slot when the source has"
                + " wal_level=logical (everything committed before the run started), else from the entity's"
                + " checkpoint (the latest update time copied, stored in the target with the rows), re-reading the"
                + " spec's overlap before it. Stopped at any point, the next run resumes where the target's"
                + " checkpoints (or the slot) say.",
                "Prints, per entity: rows read, rows written per target table, where the run started (start,"
                        + " checkpoint or since), the watermark (the latest update time seen), rows/s and the"
                        + " deletes found. Exits with 0, or 1 when a store fails (the pages written so far are"
                        + " kept), or 2 when the spec does not fit the stores (nothing is written then)."})
final class MigrateRunCommand extends MigrateBaseCommand {

    @Mixin
    JobsOption jobs;

    @Option(names = "--since", paramLabel = "UPDATE_TIME", description = "Read every row updated at or after this"
            + " time (minus the overlap) instead of starting from the checkpoints, e.g. '2026-01-01 00:00:00+00'"
            + " to copy a day again.")
    String since;

    @Option(names = "--deletes", paramLabel = "MODE", defaultValue = "ignore", description = "Rows deleted in the"
            + " source since they were copied: ${COMPLETION-CANDIDATES}. ignore: do not look; report: count them;"
            + " propagate: delete them from the target. Looking compares every key, so it reads both sides in full.")
    DeletesChoice deletes;

    @Override
    int run(PrintWriter out) {
        Migrator.Options checked = jobs.options();
        Optional<String> from = checked.since(since);
        Deletes mode = deletes.mode();
        try (Migration migration = openSpec(checked)) {
            progress(out, migration.migrator().plan(from, mode));
            long started = System.nanoTime();
            RunReport report;
            try (ProgressView progress = ProgressView.start(out, options.json, migration, from)) {
                report = migration.migrator().run(from, mode, progress.tracker());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            print(out, migration.view(report, specFile.path.toString(), from, mode, took), () -> out.print(
                    report.describe(took, mode, migration.spec().overlap(), migration.migrator().options().names())));
            return 0;
        }
    }
}
