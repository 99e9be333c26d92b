package io.upsilon.cli;

import io.upsilon.migrate.Migration;
import io.upsilon.migrate.Migrator;
import java.io.PrintWriter;

/**
 * {@code migrate finish} and {@code migrate abort}: both drop the migration's replication slot and publication on the
 * source through one library call, and print the same answer; they differ in when an operator means to call them.
 */
abstract class SlotDropCommand extends MigrateBaseCommand {

    /** The library call: true when there was a slot to drop. */
    abstract boolean drop(Migrator migrator);

    @Override
    final int run(PrintWriter out) {
        try (Migration migration = openSpec(Migrator.Options.defaults())) {
            Migrator migrator = migration.migrator();
            String slot = migrator.slotName();
            boolean dropped = drop(migrator);
            print(out, Json.object("spec", specFile.path.toString(), "slot", slot, "dropped", dropped), () -> {
                out.println(dropped ? "Dropped replication slot and publication " + slot + " on the source."
                        : "No replication slot " + slot + " on the source: nothing to drop.");
            });
            return 0;
        }
    }
}
