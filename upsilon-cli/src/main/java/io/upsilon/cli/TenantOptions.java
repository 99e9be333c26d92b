package io.upsilon.cli;

import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Trims the shared {@link CommonOptions} of the {@code tenant} commands to those that apply. There is no cluster lock
 * or node id (each tenant is serialised by its own lock in the registry) and no Upsilon schema (the registry lives in
 * the connection's current schema, the first of the user's {@code search_path}). {@code upgrade} gets a {@code --to}
 * of its own that takes a module id as well as a version. An option taken away here is an unknown option (exit 2)
 * and is not in {@code --help}. {@code list} and {@code purge} keep {@code --manifest} and {@code --classpath}, as
 * {@code history} does, so that one set of connection options works for every tenant command.
 */
final class TenantOptions implements IModelTransformer {

    private static final List<String> NOT_FOR_TENANTS = List.of("--to", "--lock", "--lock-timeout", "--node-id",
            "--schema", "--table-prefix", "--placeholder");
    /** The commands that run no task and so read no manifest. */
    private static final List<String> NO_TASKS = List.of("list", "disable", "purge");

    @Override
    public CommandSpec transform(CommandSpec spec) {
        NOT_FOR_TENANTS.forEach(name -> OptionEdits.remove(spec, name));
        if (NO_TASKS.contains(spec.name())) {
            OptionEdits.describe(spec, "--manifest",
                    "The module's task manifest; accepted like on the other tenant commands,"
                    + " but " + spec.name() + " runs no task and does not read it.");
            OptionEdits.describe(spec, "--classpath",
                    "Jars and class directories for Java tasks; accepted like on the other"
                    + " tenant commands, but " + spec.name() + " loads no task.");
        } else {
            OptionEdits.describe(spec, "--manifest",
                    "The module's task manifest: a file, or a directory holding upsilon.tasks"
                    + " (default: the class-path resource upsilon.tasks). Its versions are the module's data"
                    + " versions; every task must be transactional, since a tenant's change is one transaction.");
        }
        if (spec.userObject() instanceof TenantUpgradeCommand upgrade) {
            spec.addOption(OptionSpec.builder("--to")
                    .paramLabel("VERSION_OR_MODULE_ID")
                    .type(String.class)
                    .required(true)
                    .description("The version to bring every tenant to: a version (2.0.1) or the module id"
                            + " (mod-transfers-2.0.1).")
                    .getter(new IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T get() {
                            return (T) upgrade.to;
                        }
                    })
                    .setter(new ISetter() {
                        @Override
                        public <T> T set(T value) {
                            upgrade.to = (String) value;
                            return null;
                        }
                    })
                    .build());
        }
        return spec;
    }
}
