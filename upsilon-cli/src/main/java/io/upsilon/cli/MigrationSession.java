package io.upsilon.cli;

import io.upsilon.Backends;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.MigrationSpec.Endpoint;
import io.upsilon.migrate.MigrationSpec.EntitySpec;
import io.upsilon.migrate.Migration;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.Stores;
import io.upsilon.spi.Backend;
import io.upsilon.spi.BackendOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * What one {@code migrate} command works on: the spec, its two stores and the {@link Migrator} checked against them.
 * Opening registers the spec's passwords as secrets before anything can print them, and checks every entity
 * (fields, transforms, key columns, types) before any row is written. Closing releases the stores and the class
 * loader of the Java transformers.
 */
final class MigrationSession implements AutoCloseable {

    private final Path path;
    private final Map<String, String> env;
    private final URLClassLoader classLoader;
    private final Migration migration;

    private MigrationSession(Path path, Map<String, String> env, URLClassLoader classLoader, Migration migration) {
        this.path = path;
        this.env = env;
        this.classLoader = classLoader;
        this.migration = migration;
    }

    /**
     * Reads the spec, opens its stores and checks every entity against them ({@link Migration#open}).
     *
     * @throws UpsilonException {@code BAD_INPUT} (exit 2) for a bad spec, an unset password variable or a
     *                          transform that does not fit the schemas; {@code STORE_FAILURE} when a store cannot be
     *                          reached
     */
    static MigrationSession open(Path path, CommonOptions options, Main main) {
        return open(path, options, main, Migrator.Options.defaults());
    }

    /** {@link #open(Path, CommonOptions, Main)} with the migrator's options (such as {@code --jobs}). */
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
        try {
            return new MigrationSession(path, main.env(), classLoader, Migration.open(spec, main.env(), classLoader,
                    migratorOptions));
        } catch (RuntimeException e) {
            closeQuietly(classLoader);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    MigrationSpec spec() {
        return migration.spec();
    }

    Migrator migrator() {
        return migration.migrator();
    }

    /** The source's address for output: no query string (user), no user info. */
    String sourceName() {
        return migration.sourceName();
    }

    String targetName() {
        return migration.targetName();
    }

    /**
     * The old cluster's Upsilon tables (maintenance window, node table) on the spec's source database, with the
     * source's URL, user and password.
     *
     * @throws UpsilonException {@code BAD_INPUT} when the source is an HTTP service, {@code UNKNOWN_BACKEND} when no
     *                          backend on the class path serves its URL
     */
    Backend oldCluster(String schema) {
        if (spec().source().url() == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--cutover maintenance opens the maintenance window in"
                    + " the old cluster's PostgreSQL, but the spec's source is the HTTP service "
                    + sourceName() + "; use --cutover manual and stop writes to the old cluster by hand");
        }
        DataSource dataSource = Stores.dataSource(spec().source(), env, "source");
        return Backends.forUrl(spec().source().url()).open(dataSource, BackendOptions.builder().schema(schema).build());
    }

    /**
     * The new cluster's Upsilon tables on the spec's target database, for its maintenance window; empty when the
     * target is an HTTP service.
     */
    Optional<Backend> newCluster(String schema) {
        if (spec().target().url() == null) {
            return Optional.empty();
        }
        DataSource dataSource = Stores.dataSource(spec().target(), env, "target");
        return Optional.of(Backends.forUrl(spec().target().url()).open(dataSource,
                BackendOptions.builder().schema(schema).build()));
    }

    /**
     * How many rows the next run of {@code entity} will read, for an ETA ({@link Migrator#rowsToRead}).
     */
    OptionalLong rowsToRead(EntitySpec entity, Optional<String> since) {
        return migrator().rowsToRead(entity.name(), since);
    }

    /**
     * Progress for a run of every entity, as {@code mode} says. On a terminal the rows each entity will read are
     * counted in the background (see {@link #rowsToRead}), so the lines gain an ETA once the counts are in.
     */
    MigrationProgress progress(PrintWriter out, MigrationProgress.Mode mode, Optional<String> since) {
        List<String> names = spec().entities().stream().map(EntitySpec::name).toList();
        MigrationProgress progress = MigrationProgress.start(out, mode, names);
        if (mode == MigrationProgress.Mode.TERMINAL) {
            for (EntitySpec entity : spec().entities()) {
                Thread count = new Thread(() -> rowsToRead(entity, since)
                        .ifPresent(rows -> progress.total(entity.name(), rows)), "upsilon-migrate-count");
                count.setDaemon(true);
                count.start();
            }
        }
        return progress;
    }

    /** TERMINAL on a console (unless {@code --json}), NONE for {@code --json}, PLAIN otherwise. */
    static MigrationProgress.Mode progressMode(boolean json) {
        return json ? MigrationProgress.Mode.NONE
                : System.console() != null ? MigrationProgress.Mode.TERMINAL : MigrationProgress.Mode.PLAIN;
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
