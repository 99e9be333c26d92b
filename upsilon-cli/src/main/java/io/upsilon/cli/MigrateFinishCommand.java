package io.upsilon.cli;

import io.upsilon.migrate.Migrator;
import picocli.CommandLine.Command;

/** {@code upsilon migrate finish}: drops the migration's replication slot and publication. */
@Command(name = "finish", mixinStandardHelpOptions = true,
        description = {"After the cut-over: drops the replication slot and the publication the migration made on the"
                + " source, so the old cluster keeps no more WAL for it. Nothing to do in watermark mode.",
                "Exits with 0, or 1 when the source cannot be reached or a migrator still reads the"
                + " slot (stop it first)."})
final class MigrateFinishCommand extends SlotDropCommand {

    @Override
    boolean drop(Migrator migrator) {
        return migrator.finish();
    }
}
