package io.upsilon.cli;

import static io.upsilon.postgres.ForeignHistory.FLYWAY_TABLE;
import static io.upsilon.postgres.ForeignHistory.LIQUIBASE_TABLE;
import static java.util.Objects.requireNonNullElse;


import io.upsilon.BaselineResult;
import io.upsilon.Upsilon;
import io.upsilon.Version;
import io.upsilon.postgres.ForeignHistory;
import io.upsilon.report.TaskRow;
import java.io.PrintWriter;
import java.util.List;
import javax.sql.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon baseline}: takes over a database that Upsilon has never upgraded. */
@Command(name = "baseline", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Takes over a database whose schema exists already, so that nothing runs twice."
                + " --baseline-version V"
                + " records V as the data version and every task at or below it as applied (status BASELINE, never"
                + " run). --from-flyway / --from-liquibase read flyway_schema_history / databasechangelog and record"
                + " the matching tasks of the manifest as applied (the README's 'Coming from Flyway or Liquibase' has"
                + " the mapping rules); the next 'upsilon upgrade' runs only the newer tasks.",
                "Refused (exit 2, nothing written) on a database with Upsilon history, for a Flyway or Liquibase row"
                        + " that matches no task, a failed row, or a script changed since Flyway ran it."})
final class BaselineCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin PlaceholderOption placeholderOption;
    @Mixin LockOptions lockOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the baseline comes from: exactly one. */
    static final class Source {
        @Option(names = "--baseline-version", paramLabel = "VERSION", converter = VersionConverter.class,
                required = true,
                description = "The manifest version the database is at.")
        Version version;

        @Option(names = "--from-flyway", required = true, description = "Map Flyway's history onto the manifest.")
        boolean flyway;

        @Option(names = "--from-liquibase", required = true,
                description = "Map Liquibase's history onto the manifest.")
        boolean liquibase;
    }

    @Option(names = "--history-table", paramLabel = "[SCHEMA.]TABLE", description = "The other tool's history table"
            + " (default: flyway_schema_history or databasechangelog, found through the search_path).")
    String historyTable;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(true)) {
            Upsilon upsilon = session.upsilon();
            DataSource db = session.database().dataSource();
            BaselineResult result = source.version != null ? upsilon.baseline(source.version)
                    : upsilon.baseline(source.flyway
                            ? ForeignHistory.flyway(db, requireNonNullElse(historyTable, FLYWAY_TABLE))
                            : ForeignHistory.liquibase(db, requireNonNullElse(historyTable, LIQUIBASE_TABLE)));
            List<TaskRow> rows = result.rows().stream().map(TaskRow::of).toList();
            print(out, Json.object("dataVersion", result.dataVersion(), "rows", rows, "sources", result.sources(),
                    "ignored", result.ignored()), () -> out.print(result.describe()));
            return 0;
        }
    }
}
