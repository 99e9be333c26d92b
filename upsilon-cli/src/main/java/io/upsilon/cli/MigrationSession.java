package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Migration;
import io.upsilon.migrate.MigrationNames;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.MigrationSpec.Endpoint;
import io.upsilon.migrate.Migrator;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one {@code migrate} command works on: the spec file and its {@link Migration} (stores and migrator), with the
 * class loader of the spec's Java transformers ({@code --classpath}), and the CLI's {@link #names() names} in the
 * library's messages. Opening registers the spec's passwords as secrets before anything can print them; closing
 * releases the stores and the class loader.
 */
final class MigrationSession implements AutoCloseable {

    /** The options that set what the library's messages name; the rest as the library names them. */
    static final MigrationNames OPTIONS = term -> switch (term) {
        case MAX_LAG_ROWS -> "--max-lag-rows";
        case MAX_RUNS -> "--max-runs";
        case PAUSE -> "--pause";
        case DRAIN -> "--drain-timeout";
        case MAX_KEYS -> "--max-keys";
        case SWITCH_COMMAND -> "--switch-command";
        case SWITCH_TIMEOUT -> "--switch-timeout";
        case NEW_LOCATION -> "--new-location";
        case MAINTENANCE_CUTOVER -> "--cutover maintenance";
        case MANUAL_CUTOVER -> "--cutover manual";
        case CUT_OVER_BY_HAND -> "use --cutover manual";
        case CUTOVER_RUN -> "'upsilon migrate continuous'";
        case TRAFFIC_SWITCH -> "the switch command";
        case PROPAGATE_DELETES -> "--deletes propagate";
        case SINCE -> "--since";
        case FINISH -> "'upsilon migrate finish'";
        case ABORT -> "'upsilon migrate abort'";
        default -> term.defaultName();
    };

    private final URLClassLoader classLoader;
    private final Migration migration;
    private final MigrationNames names;

    private MigrationSession(URLClassLoader classLoader, Migration migration, MigrationNames names) {
        this.classLoader = classLoader;
        this.migration = migration;
        this.names = names;
    }

    /**
     * Reads the spec, opens its stores and checks every entity against them ({@link Migration#open}).
     *
     * @throws UpsilonException {@code BAD_INPUT} (exit 2) for a bad spec, an unset password variable or a
     *                          transform that does not fit the schemas; {@code STORE_FAILURE} when a store cannot be
     *                          reached
     */
    static MigrationSession open(Path path, CommonOptions options, Main main, Migrator.Options migratorOptions) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--spec " + path + " is not a readable file; give the"
                    + " migration spec (YAML), see 'upsilon migrate --help'");
        }
        MigrationSpec spec = MigrationSpec.load(path);
        for (Endpoint endpoint : new Endpoint[] {spec.source(), spec.target()}) {
            if (endpoint.passwordEnv() != null) {
                main.secrets().add(main.env().get(endpoint.passwordEnv()));
            }
        }
        URLClassLoader classLoader = ManifestSource.classLoader(options.classpath);
        MigrationNames names = names(path, spec.source(), options.schema);
        try {
            return new MigrationSession(classLoader, Migration.open(spec, main.env(), classLoader,
                    migratorOptions.withNames(names)), names);
        } catch (RuntimeException e) {
            closeQuietly(classLoader);
            throw e;
        }
    }

    /**
     * {@link #OPTIONS}, and the commands on this spec as an operator types them: {@code 'upsilon maintenance exit
     * --url …'} on the old cluster's database (its Upsilon tables in {@code schema}), {@code 'upsilon migrate verify
     * --spec …'}.
     */
    private static MigrationNames names(Path path, Endpoint source, String schema) {
        String exit = "'upsilon maintenance exit --url " + source.url() + (source.user() == null ? ""
                : " --user " + source.user()) + ("public".equals(schema) ? "" : " --schema " + schema) + "'"
                + (source.passwordEnv() == null ? "" : " (with the password in $" + Main.PASSWORD_ENV + ")");
        return term -> switch (term) {
            case EXIT_OLD -> exit;
            case FORCE_EXIT_OLD -> exit.replaceFirst("maintenance exit", "maintenance exit --yes");
            case VERIFY -> "'upsilon migrate verify --spec " + path + "'";
            case RUN_SINCE -> "'upsilon migrate run --spec " + path + " --since UPDATE_TIME'";
            default -> OPTIONS.of(term);
        };
    }

    MigrationNames names() {
        return names;
    }

    Migration migration() {
        return migration;
    }

    @Override
    public void close() {
        try {
            migration.close();
        } finally {
            closeQuietly(classLoader);
        }
    }

    private static void closeQuietly(URLClassLoader classLoader) {
        try {
            classLoader.close();
        } catch (IOException e) {
            // only open jar handles are lost; the process ends soon
        }
    }
}
