package io.upsilon.cli;

import java.io.File;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Trims the shared {@link CommonOptions} of the {@code migrate} commands to those that apply: their databases come
 * from the spec, not from {@code --url}, {@code --user} or {@code --config}, and there is no manifest, lock or
 * embedded database. An option taken away here is an unknown option (exit 2) and is not in {@code --help}.
 */
final class MigrateOptions implements IModelTransformer {

    private static final List<String> NOT_FOR_MIGRATE = List.of("--url", "--user", "--config", "--manifest", "--to",
            "--lock", "--lock-timeout", "--node-id", "--data-dir", "--embedded", "--connect-timeout", "--table-prefix",
            "--placeholder");

    @Override
    public CommandSpec transform(CommandSpec spec) {
        NOT_FOR_MIGRATE.forEach(name -> OptionEdits.remove(spec, name));
        OptionEdits.describe(spec, "--classpath", "Jars and class directories, separated by '" + File.pathSeparator
                + "', to load"
                + " the spec's Java transformers ('java: CLASS' transforms) from.");
        if ("continuous".equals(spec.name())) {
            OptionEdits.describe(spec, "--schema",
                    "The schema of Upsilon's tables (maintenance window, node table) in the old"
                    + " cluster's database, the spec's source; used by --cutover maintenance.");
        } else {
            OptionEdits.remove(spec, "--schema");
        }
        return spec;
    }
}
