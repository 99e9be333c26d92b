package io.upsilon.cli;

import io.upsilon.migrate.Migration;
import io.upsilon.migrate.MigrationNames;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.VerifyReport;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code upsilon migrate verify}: the transformed source against the target, table by table. */
@Command(name = "verify", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Compares what the transformed source gives with what the target holds, for every target"
                + " table of every entity (split tables too): row counts, then row contents by hashes per key range,"
                + " reading again only the ranges that differ. Changes nothing.",
                "Prints per table the expected and actual row counts and the mismatching keys: missing (not in the"
                        + " target), extra (only in the target) and different (rows that differ), at most"
                        + " --max-keys of each. Exits with 0 when everything matches, 1 on any mismatch."})
final class MigrateVerifyCommand extends MigrateBaseCommand {

    @Option(names = "--max-keys", paramLabel = "N", defaultValue = "20",
            description = "List at most N keys of each kind (missing, extra, different) per table.")
    int maxKeys;

    @Override
    int run(PrintWriter out) {
        Migrator.Options checked = Migrator.Options.defaults().withNames(OPTIONS);
        int keys = checked.maxKeys(maxKeys);
        try (Migration migration = openSpec(checked)) {
            MigrationNames names = migration.migrator().options().names();
            progress(out, migration.migrator().verifyPlan());
            VerifyReport report = migration.migrator().verify(keys);
            VerifyReport.View view = report.view(specFile.path.toString(), migration.sourceName(),
                    migration.targetName(), names);
            print(out, view, () -> {
                out.print(report.describe("  ", names));
                out.println(report.summary());
            });
            return exit(out, Optional.ofNullable(view.error()));
        }
    }
}
