package io.upsilon.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code upsilon migrate finish}: drops the migration's replication slot and publication. */
@Command(name = "finish", mixinStandardHelpOptions = true, modelTransformer = MigrateOptions.class,
        description = {"After the cut-over: drops the replication slot and the publication the migration made on the source, so the old cluster keeps no more WAL for it. Nothing to do in watermark mode.", "Exits with 0, or 1 when the source cannot be reached or a migrator still reads the"
                + " slot (stop it first)."})
final class MigrateFinishCommand extends BaseCommand {

    @Mixin
    SpecOption specFile;

    @Override
    int run(PrintWriter out) {
        try (MigrationSession session = MigrationSession.open(specFile.path, options, main())) {
            String slot = session.migrator().slotName();
            boolean dropped = session.migrator().finish();
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
