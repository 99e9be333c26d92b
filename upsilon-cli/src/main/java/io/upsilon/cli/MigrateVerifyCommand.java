package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.VerifyReport;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon migrate verify}: the transformed source against the target, table by table. */
@Command(name = "verify", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Compares what the transformed source gives with what the target holds, for every target"
                + " table of every entity (split tables too): row counts, then row contents by hashes per key range,"
                + " reading again only the ranges that differ. Changes nothing.",
                "Prints per table the expected and actual row counts and the mismatching keys: missing (not in the"
                        + " target), extra (only in the target) and different (rows that differ), at most"
                        + " --max-keys of each. Exits with 0 when everything matches, 1 on any mismatch."})
final class MigrateVerifyCommand extends BaseCommand {

    @Mixin TransformerClasspathOption transformerClasspathOption;

    @Mixin
    SpecOption specFile;

    @Option(names = "--max-keys", paramLabel = "N", defaultValue = "20",
            description = "List at most N keys of each kind (missing, extra, different) per table.")
    int maxKeys;

    @Override
    int run(PrintWriter out) {
        if (maxKeys < 0 || maxKeys > 100_000) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--max-keys must be 0 to 100000, got " + maxKeys);
        }
        try (MigrationSession session = MigrationSession.open(specFile.path, options, main())) {
            if (!options.json) {
                out.println("Verifying " + Text.plural(session.spec().entities().size(), "entity", "entities")
                        + ": the transformed source " + session.sourceName() + " against the target "
                        + session.targetName() + "...");
                out.flush();
            }
            VerifyReport report = session.migrator().verify(maxKeys);
            List<VerifyRow> rows = VerifyRow.of(report);
            String failure = report.matches() ? null : failure(rows, session);
            if (options.json) {
                printJson(out, Json.object("spec", specFile.path.toString(), "source", session.sourceName(),
                        "target", session.targetName(), "matches", report.matches(), "tables", rows,
                        "error", failure == null ? null
                                : Json.error(ErrorCode.VERIFY_MISMATCH, failure)));
            } else {
                VerifyRow.print(out, rows, "  ");
                out.println(report.matches() ? "All " + Text.plural(rows.size(), "table", "tables") + " match."
                        : Text.plural(mismatches(rows), "mismatching key", "mismatching keys") + " in "
                        + Text.plural(rows.stream().filter(r -> r.mismatches() > 0).count(), "table", "tables")
                        + " of " + rows.size() + ".");
            }
            if (failure != null) {
                out.flush();
                printError(failure);
                return 1;
            }
            return 0;
        }
    }

    static long mismatches(List<VerifyRow> rows) {
        return rows.stream().mapToLong(VerifyRow::mismatches).sum();
    }

    /** The one-line error of a mismatch, with the remedy. */
    static String failure(List<VerifyRow> rows, MigrationSession session) {
        boolean extra = rows.stream().anyMatch(r -> !r.extra().isEmpty());
        return "the target does not match the source: " + Text.plural(mismatches(rows), "mismatching key",
                "mismatching keys") + " in " + VerifyRow.mismatched(rows) + "; copy the rows again with 'upsilon"
                + " migrate run --spec " + session.path() + " --since UPDATE_TIME' (from before the oldest affected"
                + " row" + (extra ? "; with --deletes propagate for the extra keys" : "") + "), then verify again";
    }
}
