package io.upsilon.cli;

import io.upsilon.migrate.Migrator;
import picocli.CommandLine.Command;

/** {@code upsilon migrate abort}: drops the migration's replication slot and publication. */
@Command(name = "abort", mixinStandardHelpOptions = true,
        description = {"Gives the migration up: drops the replication slot and the publication on the source (the"
                + " target keeps its rows and checkpoints; a later run copies again from a new snapshot, by key).",
                "Exits with 0, or 1 when the source cannot be reached or a migrator still reads the"
                + " slot (stop it first)."})
final class MigrateAbortCommand extends SlotDropCommand {

    @Override
    boolean drop(Migrator migrator) {
        return migrator.abort();
    }
}
