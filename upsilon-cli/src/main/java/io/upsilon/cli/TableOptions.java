package io.upsilon.cli;

import io.upsilon.postgres.PostgresSettings;
import picocli.CommandLine.Option;

/** Where Upsilon's own tables are: for the commands that read or write them (not the {@code tenant} commands). */
final class TableOptions implements OptionGroup {

    @Option(names = "--schema", paramLabel = "NAME", description = "The schema holding Upsilon's tables.")
    String schema = PostgresSettings.defaults().schema();

    @Option(names = "--table-prefix", paramLabel = "PREFIX", description = "The prefix of Upsilon's table names.")
    String tablePrefix = PostgresSettings.defaults().tablePrefix();

    @Override
    public void applyTo(CommonOptions options) {
        options.schema = schema;
        options.tablePrefix = tablePrefix;
    }
}
