package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Migration;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.MigrationSpec.Endpoint;
import io.upsilon.migrate.Migrator;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one {@code migrate} command works on: the spec file and its {@link Migration} (stores and migrator), with the
 * class loader of the spec's Java transformers ({@code --classpath}). Opening registers the spec's passwords as
 * secrets before anything can print them; closing releases the stores and the class loader.
 */
final class MigrationSession implements AutoCloseable {

    private final Path path;
    private final URLClassLoader classLoader;
    private final Migration migration;

    private MigrationSession(Path path, URLClassLoader classLoader, Migration migration) {
        this.path = path;
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
            return new MigrationSession(path, classLoader, Migration.open(spec, main.env(), classLoader,
                    migratorOptions));
        } catch (RuntimeException e) {
            closeQuietly(classLoader);
            throw e;
        }
    }

    Path path() {
        return path;
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
