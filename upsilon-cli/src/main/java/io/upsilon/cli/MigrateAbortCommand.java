package io.upsilon.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code upsilon migrate abort}: drops the migration's replication slot and publication. */
@Command(name = "abort", mixinStandardHelpOptions = true, modelTransformer = MigrateOptions.class,
        description = {"Gives the migration up: drops the replication slot and the publication on the source (the target keeps its rows and checkpoints; a later run copies again from a new snapshot, by key).", "Exits with 0, or 1 when the source cannot be reached or a migrator still reads the"
                + " slot (stop it first)."})
final class MigrateAbortCommand extends BaseCommand {

    @Mixin
    SpecOption specFile;

    @Override
    int run(PrintWriter out) {
        try (MigrationSession session = MigrationSession.open(specFile.path, options, main())) {
            String slot = session.migrator().slotName();
            boolean dropped = session.migrator().abort();
            if (options.json) {
                printJson(out, Json.object("spec", specFile.path.toString(), "slot", slot, "dropped", dropped));
            } else {
                out.println(dropped ? "Dropped replication slot and publication " + slot + " on the source."
                        : "No replication slot " + slot + " on the source: nothing to drop.");
            }
            return 0;
        }
    }
}
