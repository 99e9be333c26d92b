package io.upsilon.cli;

import io.upsilon.migrate.CaptureStatus;
import io.upsilon.migrate.Migration;
import io.upsilon.migrate.Migrator;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code upsilon migrate status}: the capture mode and, in log mode, the replication slot's lag and age. */
@Command(name = "status", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Shows how changes are captured (log: from a logical replication slot on the source; watermark:"
                + " from the update-time field) and, with a slot, its lag (WAL bytes the source keeps for it, and the"
                + " inserts, updates and deletes waiting when no migrator reads it) and its age. A slot older than"
                + " --slot-age-limit is flagged: it keeps WAL on the old cluster's disk until 'migrate finish' or"
                + " 'migrate abort' drops it.", "Exits with 0, or 1 when the source cannot be reached."})
final class MigrateStatusCommand extends MigrateBaseCommand {

    @Option(names = "--slot-age-limit", paramLabel = "HOURS", defaultValue = "24", description = "Flag a slot older"
            + " than this.")
    long slotAgeLimitHours;

    @Override
    int run(PrintWriter out) {
        Duration slotAgeLimit = Duration.ofHours(slotAgeLimitHours);
        try (Migration migration = openSpec(Migrator.Options.defaults().withSlotAgeLimit(slotAgeLimit))) {
            CaptureStatus s = migration.migrator().status();
            print(out, s.view(specFile.path.toString()), () -> {
                s.describe().forEach(out::println);
                s.warning(slotAgeLimit, migration.migrator().options().names()).ifPresent(out::println);
            });
            return 0;
        }
    }
}
