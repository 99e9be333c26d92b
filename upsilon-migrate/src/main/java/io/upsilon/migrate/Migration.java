package io.upsilon.migrate;

import io.upsilon.Backends;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.MigrationSpec.Endpoint;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import io.upsilon.spi.Backend;
import io.upsilon.spi.BackendOptions;
import java.io.IOException;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A spec opened for work: its two stores ({@link Stores}) and the {@link Migrator} checked against them, closed
 * together. What every {@code upsilon migrate} command opens first; an application does the same:
 *
 * <pre>{@code
 * MigrationSpec spec = MigrationSpec.load(Path.of("migration.yaml"));
 * try (Migration migration = Migration.open(spec, System.getenv(), getClass().getClassLoader(),
 *         Migrator.Options.defaults())) {
 *     RunReport report = migration.migrator().run(Optional.empty(), Migrator.Deletes.IGNORE, listener);
 * }
 * }</pre>
 */
public final class Migration implements AutoCloseable {

    /**
     * A run as a record for JSON, as {@code upsilon migrate run --json} prints it ({@link #view}).
     *
     * @param spec        where the spec came from (a file name), or null
     * @param source      the source's address ({@link #sourceName()})
     * @param target      the target's address ({@link #targetName()})
     * @param captureMode how changes are captured: {@code log} or {@code watermark}
     * @param since       the update time the run read from, or null when it started from the checkpoints
     * @param deletes     {@code ignore}, {@code report} or {@code propagate}
     * @param tookMillis  how long the run took
     * @param entities    one record per entity
     */
    public record RunView(String spec, String source, String target, String captureMode, String since,
                          String deletes, long tookMillis, List<RunReport.EntityView> entities) {
    }

    private final MigrationSpec spec;
    private final Map<String, String> env;
    private final SourceStore source;
    private final TargetStore target;
    private final Migrator migrator;
    /** The transformers' loader this migration closes; null when the caller owns it. */
    private final URLClassLoader ownLoader;

    private Migration(MigrationSpec spec, Map<String, String> env, SourceStore source, TargetStore target,
                      Migrator migrator, URLClassLoader ownLoader) {
        this.spec = spec;
        this.env = env;
        this.source = source;
        this.target = target;
        this.migrator = migrator;
        this.ownLoader = ownLoader;
    }

    /**
     * Opens the spec's stores (passwords from {@code env}, as the spec's {@code passwordEnv} names them) and checks
     * every entity against them (fields, transforms, key columns, types) before any row is written. On a failure
     * whatever was opened is closed again.
     *
     * @param loader where the spec's Java transformers are loaded from
     * @throws UpsilonException {@code BAD_INPUT} for an unset password variable or a transform that does not fit the
     *                          schemas; {@code STORE_FAILURE} when a store cannot be reached
     */
    public static Migration open(MigrationSpec spec, Map<String, String> env, ClassLoader loader,
                                 Migrator.Options options) {
        return open(spec, env, loader, options, null);
    }

    /**
     * {@link #open(MigrationSpec, Map, ClassLoader, Migrator.Options)} with a loader made for this migration alone
     * (e.g. over the jars of the spec's Java transformers): {@code loader} is closed with the migration, or at once
     * when opening fails.
     */
    public static Migration openClosingLoader(MigrationSpec spec, Map<String, String> env, URLClassLoader loader,
                                              Migrator.Options options) {
        return open(spec, env, loader, options, loader);
    }

    private static Migration open(MigrationSpec spec, Map<String, String> env, ClassLoader loader,
                                  Migrator.Options options, URLClassLoader ownLoader) {
        SourceStore source = null;
        TargetStore target = null;
        try {
            source = Stores.source(spec.source(), env);
            target = Stores.target(spec.target(), env);
            return new Migration(spec, Map.copyOf(env), source, target, Migrator.create(spec, source, target, loader,
                    options), ownLoader);
        } catch (RuntimeException e) {
            try {
                close(source, target, ownLoader);
            } catch (RuntimeException closing) {
                e.addSuppressed(closing); // the failure to open is what the caller must see
            }
            throw e;
        }
    }

    /** The spec. */
    public MigrationSpec spec() {
        return spec;
    }

    /** The migrator over the two stores. */
    public Migrator migrator() {
        return migrator;
    }

    /**
     * {@code report}, of a run from {@code since} with {@code deletes} that took {@code took}, as a record for JSON;
     * the capture mode as the migrator has it now.
     */
    public RunView view(RunReport report, String spec, Optional<String> since, Migrator.Deletes deletes,
                        Duration took) {
        return new RunView(spec, sourceName(), targetName(), migrator.captureMode(MigrationListener.none()).name()
                .toLowerCase(Locale.ROOT), since.orElse(null), deletes.name().toLowerCase(Locale.ROOT),
                took.toMillis(), report.view(deletes).entities());
    }

    /** The source's address for output: no query string (where a user or password may be), no user info. */
    public String sourceName() {
        return describe(spec.source());
    }

    /** The target's address for output, as {@link #sourceName()}. */
    public String targetName() {
        return describe(spec.target());
    }

    /**
     * The old cluster's Upsilon tables (maintenance window, node table) in {@code schema} of the spec's source
     * database, with the source's URL, user and password: what {@link ContinuousMigration.Builder#maintenance} takes.
     *
     * @throws UpsilonException {@code BAD_INPUT} when the source is an HTTP service (it has no maintenance window to
     *                          open), {@code UNKNOWN_BACKEND} when no backend on the class path serves its URL
     */
    public Backend sourceBackend(String schema) {
        return sourceBackend(schema, MigrationNames.DEFAULT);
    }

    /**
     * {@link #sourceBackend(String)}, its refusal of an HTTP source naming the manual cut-over through {@code names}.
     */
    public Backend sourceBackend(String schema, MigrationNames names) {
        if (spec.source().url() == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "a maintenance cut-over opens the maintenance window in"
                    + " the old cluster's database, but the spec's source is the HTTP service " + sourceName()
                    + "; " + names.of(MigrationNames.Term.CUT_OVER_BY_HAND) + " and stop writes to the old cluster by"
                    + " hand");
        }
        return backend(spec.source(), schema, "source");
    }

    /**
     * The new cluster's Upsilon tables in {@code schema} of the spec's target database, for its maintenance window
     * ({@link ContinuousMigration.Builder#newCluster}); empty when the target is an HTTP service.
     *
     * @throws UpsilonException {@code UNKNOWN_BACKEND} when no backend on the class path serves the target's URL
     */
    public Optional<Backend> targetBackend(String schema) {
        return spec.target().url() == null ? Optional.empty()
                : Optional.of(backend(spec.target(), schema, "target"));
    }

    private Backend backend(Endpoint endpoint, String schema, String which) {
        return Backends.forUrl(endpoint.url()).open(Stores.dataSource(endpoint, env, which),
                BackendOptions.builder().schema(schema).build());
    }

    static String describe(Endpoint endpoint) {
        String address = endpoint.url() != null ? endpoint.url() : endpoint.http();
        int query = address.indexOf('?');
        return (query < 0 ? address : address.substring(0, query)).replaceFirst("//[^/@]*@", "//");
    }

    /**
     * Closes both stores (a pooled store lets go of its connections), the target even when the source fails, and
     * a loader given to {@link #openClosingLoader}.
     */
    @Override
    public void close() {
        close(source, target, ownLoader);
    }

    private static void close(SourceStore source, TargetStore target, URLClassLoader ownLoader) {
        try {
            if (source != null) {
                source.close();
            }
        } finally {
            try {
                if (target != null) {
                    target.close();
                }
            } finally {
                closeQuietly(ownLoader);
            }
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            if (loader != null) {
                loader.close();
            }
        } catch (IOException e) {
            // only open jar handles are lost
        }
    }
}
