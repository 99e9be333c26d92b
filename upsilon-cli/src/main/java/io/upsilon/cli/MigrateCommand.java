package io.upsilon.cli;

import picocli.CommandLine.Command;

/** {@code upsilon migrate run|verify|continuous}: side-by-side migration of entities to a new cluster. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Side-by-side migration: copies the entities a YAML spec lists from the old cluster's store to"
                + " the new one, transformed on the way (rename, default, drop, map, split, merge, Java), each"
                + " entity in parallel and in pages of (update time, key). Every page is written with its"
                + " checkpoint in one transaction, so a run that is stopped resumes where it was.",
                "'run' copies (again: incrementally, from the checkpoints), 'verify' compares the transformed source"
                        + " with the target, 'continuous' catches up until the lag is small and then cuts over"
                        + " inside the old cluster's maintenance window. 'status' shows how changes are captured (log:"
                        + " a replication slot on the source; watermark: the update-time field) and the slot's lag"
                        + " and age; 'finish' (after the cut-over) and 'abort' drop the slot.",
                "The spec checks everything (fields, transforms, key columns, types) before any row is written;"
                        + " passwords come only from the environment variables its 'passwordEnv' entries name."},
        subcommands = {MigrateRunCommand.class, MigrateVerifyCommand.class, MigrateContinuousCommand.class,
                MigrateStatusCommand.class, MigrateFinishCommand.class, MigrateAbortCommand.class})
final class MigrateCommand extends GroupCommand {
}
