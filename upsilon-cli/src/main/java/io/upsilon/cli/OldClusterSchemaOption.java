package io.upsilon.cli;

import io.upsilon.postgres.PostgresSettings;
import picocli.CommandLine.Option;

/** The {@code --schema} of {@code migrate continuous}: where Upsilon's tables are in the old cluster's database. */
final class OldClusterSchemaOption implements OptionGroup {

    @Option(names = "--schema", paramLabel = "NAME", description = "The schema of Upsilon's tables (maintenance"
            + " window, node table) in the old cluster's database, the spec's source; used by --cutover maintenance.")
    String schema = PostgresSettings.defaults().schema();

    @Override
    public void applyTo(CommonOptions options) {
        options.schema = schema;
    }
}
