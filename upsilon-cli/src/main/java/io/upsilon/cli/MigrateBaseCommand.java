package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Migration;
import io.upsilon.migrate.MigrationNames;
import io.upsilon.migrate.MigrationNames.Term;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.MigrationSpec.Endpoint;
import io.upsilon.migrate.Migrator;
import io.upsilon.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * What the {@code migrate} commands share beyond {@link BaseCommand}: the spec and its transformers' class path, and
 * the CLI's names in the library's messages.
 */
abstract class MigrateBaseCommand extends BaseCommand {

    /** The library's messages with the options that set what they name, and the CLI's commands. */
    static final MigrationNames OPTIONS = MigrationNames.options().with(Term.DRAIN, "--drain-timeout")
            .with(Term.MAINTENANCE_CUTOVER, "--cutover maintenance").with(Term.MANUAL_CUTOVER, "--cutover manual")
            .with(Term.CUT_OVER_BY_HAND, "use --cutover manual").with(Term.TRAFFIC_SWITCH, "the switch command")
            .with(Term.CUTOVER_RUN, "'upsilon migrate continuous'").with(Term.PROPAGATE_DELETES, "--deletes propagate")
            .with(Term.FINISH, "'upsilon migrate finish'").with(Term.ABORT, "'upsilon migrate abort'");

    @Mixin TransformerClasspathOption transformerClasspathOption;

    @Mixin
    SpecOption specFile;

    /**
     * Reads the {@code --spec} file, registers its passwords as secrets before anything can print them, and opens
     * its stores with {@code migratorOptions} named as {@link #names} has it ({@link Migration#openClosingLoader}: the
     * loader of the spec's Java transformers, {@code --classpath}, closes with the migration).
     *
     * @throws UpsilonException {@code BAD_INPUT} (exit 2) for a bad spec, an unset password variable or a
     *                          transform that does not fit the schemas; {@code STORE_FAILURE} when a store cannot be
     *                          reached
     */
    Migration openSpec(Migrator.Options migratorOptions) {
        Path path = specFile.path;
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--spec " + path + " is not a readable file; give the"
                    + " migration spec (YAML), see 'upsilon migrate --help'");
        }
        MigrationSpec spec = MigrationSpec.load(path);
        spec.passwords(main().env()).forEach(main().secrets()::add);
        return Migration.openClosingLoader(spec, main().env(), ManifestSource.classLoader(options.classpath),
                migratorOptions.withNames(names(path, spec.source(), options.schema)));
    }

    /**
     * {@link #OPTIONS}, and the commands on this spec as an operator types them: {@code 'upsilon maintenance exit
     * --url …'} on the old cluster's database (its Upsilon tables in {@code schema}, null for the default),
     * {@code 'upsilon migrate verify --spec …'}.
     */
    private static MigrationNames names(Path path, Endpoint source, String schema) {
        boolean otherSchema = schema != null && !schema.equals(PostgresSettings.defaults().schema());
        String exit = "'upsilon maintenance exit --url " + source.url() + (source.user() == null ? ""
                : " --user " + source.user()) + (otherSchema ? " --schema " + schema : "") + "'"
                + (source.passwordEnv() == null ? "" : " (with the password in $" + Main.PASSWORD_ENV + ")");
        return OPTIONS.with(Term.EXIT_OLD, exit).with(Term.FORCE_EXIT_OLD, exit.replaceFirst("maintenance exit",
                "maintenance exit --yes")).with(Term.VERIFY, "'upsilon migrate verify --spec " + path + "'")
                .with(Term.RUN_SINCE, "'upsilon migrate run --spec " + path + " --since UPDATE_TIME'");
    }
}
