package io.upsilon.tenant.pg;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.ModuleId;
import io.upsilon.ProgressReporter;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeTask;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantInput;
import io.upsilon.tenant.TenantModule;
import io.upsilon.tenant.TenantOutcome;
import io.upsilon.tenant.TenantRecord;
import io.upsilon.tenant.TenantResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A module whose tenants each keep their data in a schema of their own ({@code <tenant>_<module>}). One init call is
 * one transaction: the manifest's tasks between the two versions run with {@code search_path} on the tenant's
 * schema, and the registry row is written in the same transaction, so a failure anywhere leaves the tenant's schema,
 * data and registry row exactly as they were (FOLIO-2655 is the bug this avoids).
 */
public final class PgTenantModule implements TenantModule {

    private static final Logger LOG = LoggerFactory.getLogger(PgTenantModule.class);
    /** The parameter keys that can be a setting name's last part. */
    private static final Pattern SETTING_KEY = Pattern.compile("[A-Za-z0-9_]{1,50}");

    private final DataSource dataSource;
    private final String name;
    private final Manifest manifest;
    private final TenantRegistry registry;

    /**
     * @throws UpsilonException {@code BAD_INPUT} for an unsafe module name, or a manifest with a task that cannot
     *                          run inside the tenant's transaction
     */
    public PgTenantModule(DataSource dataSource, String name, Manifest manifest) {
        if (name == null || !TenantInput.MODULE_NAME.matcher(name).matches()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "invalid module name '" + name + "': use 1 to 31 characters"
                    + " a-z, 0-9 and -, starting with a letter, e.g. mod-transfers");
        }
        for (TaskDefinition task : manifest.allTasks()) {
            if (!task.newTask().isTransactional()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "task " + task.name() + " of version " + task.version()
                        + " is not transactional; a tenant upgrade is one transaction, so every task must be");
            }
        }
        this.dataSource = dataSource;
        this.name = name;
        this.manifest = manifest;
        this.registry = new TenantRegistry(dataSource);
    }

    /**
     * The module {@code name} for calls that run no task ({@link #tenants()}, {@link #disable}, {@link #purgeOwned}):
     * its manifest is empty, so an init through it could only ever install nothing.
     */
    public static PgTenantModule withoutTasks(DataSource dataSource, String name) {
        return new PgTenantModule(dataSource, name, Manifest.of(name, List.of()));
    }

    @Override
    public String name() {
        return name;
    }

    /** The tenant's schema name: {@code <tenant>_<module with - as _>}; at most 63 characters by construction. */
    public String schema(TenantId tenant) {
        return schema(tenant, name);
    }

    /**
     * The schema name of a tenant and a module ({@code <tenant>_<module with - as _>}); two pairs can share one
     * ({@code t1} + {@code mod-x} and {@code t1_mod} + {@code x}), which installs and purges guard against.
     */
    public static String schema(TenantId tenant, String module) {
        return tenant.value() + "_" + module.replace('-', '_');
    }

    /**
     * Brings one tenant to {@code to} ({@link #init} with no {@code module_from} and no parameters), reported with the
     * schema its data is in.
     */
    public InstallResult install(TenantId tenant, ModuleId to) {
        return InstallResult.of(init(tenant, Optional.empty(), to, Map.of()), schema(tenant));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The registry is the truth: a {@code from} that disagrees with it is noted in the result's message and the
     * call acts on the stored version (Okapi: the module consults its existing data). A disabled tenant is enabled
     * again, upgraded from its stored version.
     */
    @Override
    public TenantResult init(TenantId tenant, Optional<ModuleId> from, ModuleId to, Map<String, String> parameters) {
        if (!to.name().equals(name) || to.version().isEmpty()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "module_to " + to + " is not a version of " + name
                    + "; give " + name + "-VERSION");
        }
        Version target = to.version().get();
        Optional<Version> current = Optional.empty();
        try (Connection c = dataSource.getConnection()) {
            registry.prepare(c);
            c.setAutoCommit(false);
            try {
                registry.lock(c, tenant, name);
                TenantRegistry.Stored stored = registry.stored(c, tenant, name);
                current = stored.version();
                Optional<String> refusal = clash(c, tenant, current);
                if (refusal.isPresent()) {
                    c.rollback();
                    registry.recordRejection(tenant, name, refusal.get());
                    return new TenantResult(tenant, name, current, target, TenantOutcome.REJECTED, refusal);
                }
                Optional<String> note = note(from, stored);
                if (current.equals(Optional.of(target))) {
                    registry.record(c, tenant, name, target, TenantOutcome.UNCHANGED, null);
                    c.commit();
                    return new TenantResult(tenant, name, current, target, TenantOutcome.UNCHANGED, note);
                }
                TenantOutcome outcome = current.isEmpty() ? TenantOutcome.CREATED : TenantOutcome.UPGRADED;
                Optional<String> rejected = run(c, tenant, current, target, parameters);
                if (rejected.isPresent()) {
                    c.rollback();
                    registry.recordRejection(tenant, name, rejected.get());
                    return new TenantResult(tenant, name, current, target, TenantOutcome.REJECTED, rejected);
                }
                registry.record(c, tenant, name, target, outcome, null);
                c.commit();
                LOG.info("Tenant {} module {}: {} -> {} {}", tenant, name, current.map(Version::toString)
                        .orElse("none"), target, outcome);
                return new TenantResult(tenant, name, current, target, outcome, note);
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        } catch (Exception e) {
            String message = "upgrade of tenant " + tenant + " to " + to + " failed and was rolled back: "
                    + firstLine(e);
            LOG.warn(message);
            registry.recordFailure(tenant, name, message);
            return new TenantResult(tenant, name, current, target, TenantOutcome.FAILED, Optional.of(message));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only the registry row changes ({@code enabled = false}); the schema and its data stay as they are.
     */
    @Override
    public Optional<Version> disable(TenantId tenant) {
        try (Connection c = dataSource.getConnection()) {
            registry.prepare(c);
            c.setAutoCommit(false);
            try {
                registry.lock(c, tenant, name);
                Optional<Version> version = registry.version(c, tenant, name);
                if (version.isPresent()) {
                    registry.disable(c, tenant, name);
                }
                c.commit();
                version.ifPresent(v -> LOG.info("Tenant {} module {}: disabled, data kept at {}", tenant, name, v));
                return version;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot disable " + name + " for tenant " + tenant
                    + ": " + e.getMessage() + "; check that the database is reachable", e);
        }
    }

    /** What the call found that its caller did not say: a module_from that disagrees, a tenant disabled before. */
    private static Optional<String> note(Optional<ModuleId> from, TenantRegistry.Stored stored) {
        List<String> notes = new ArrayList<>();
        Optional<Version> believed = from.flatMap(ModuleId::version);
        if (believed.isPresent() && !believed.equals(stored.version())) {
            notes.add("module_from " + believed.get() + " does not match the stored data version "
                    + stored.version().map(Version::toString).orElse("(none)") + "; acted on the stored data");
        }
        if (stored.version().isPresent() && !stored.enabled()) {
            notes.add("enabled again (it was disabled at " + stored.version().get() + ", data kept)");
        }
        return notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes));
    }

    /**
     * A new tenant whose schema name is already taken: {@code t2} of {@code mod-x} and {@code t2_mod} of {@code x}
     * both map to {@code t2_mod_x}. Refused, so one tenant's install can never write into another's schema.
     */
    private Optional<String> clash(Connection c, TenantId tenant, Optional<Version> current) {
        if (current.isPresent()) {
            return Optional.empty();
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema(tenant));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of("schema " + schema(tenant) + " already exists and is not this tenant's"
                        + " (another tenant and module map to the same name, or it was made by hand); rename or"
                        + " remove it first") : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot check schema " + schema(tenant) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Runs the tasks between the versions; a refusal message if a downgrade crosses a task without rollback. */
    private Optional<String> run(Connection c, TenantId tenant, Optional<Version> current, Version target,
                                 Map<String, String> parameters) throws Exception {
        String schema = '"' + schema(tenant) + '"'; // safe by construction: tenant id and module name are checked
        Optional<Version> dataNow = current.flatMap(manifest::floor);
        Optional<Version> dataTarget = manifest.floor(target);
        boolean down = current.isPresent() && target.isBefore(current.get());
        List<TaskDefinition> steps = new ArrayList<>();
        if (down) {
            List<Version> versions = dataTarget.isPresent() ? manifest.between(dataTarget, dataNow.orElseThrow())
                    : dataNow.map(d -> manifest.between(Optional.empty(), d)).orElse(List.of());
            for (int v = versions.size() - 1; v >= 0; v--) {
                List<TaskDefinition> tasks = manifest.tasks(versions.get(v));
                for (int i = tasks.size() - 1; i >= 0; i--) {
                    if (!tasks.get(i).newTask().canRollback()) {
                        return Optional.of("cannot downgrade " + name + " from " + current.get() + " to " + target
                                + ": task " + tasks.get(i).name() + " of version " + versions.get(v)
                                + " has no rollback");
                    }
                    steps.add(tasks.get(i));
                }
            }
        } else if (dataTarget.isPresent()) {
            manifest.between(dataNow, dataTarget.get()).forEach(v -> steps.addAll(manifest.tasks(v)));
        }
        try (Statement s = c.createStatement()) {
            if (current.isEmpty()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            s.execute("SET LOCAL search_path TO " + schema);
        }
        settings(c, tenant, parameters);
        Map<String, String> given = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Logger taskLog = LoggerFactory.getLogger("upsilon.tenant." + tenant + "." + name);
        if (!parameters.isEmpty()) {
            taskLog.info("tenant parameters: {}", parameters.keySet());
        }
        for (TaskDefinition step : steps) {
            UpgradeTask task = step.newTask();
            PgTenantTaskContext context = new PgTenantTaskContext(c, current, target, 0, tenant.value(), taskLog,
                    ProgressReporter.none(), tenant, given);
            if (down) {
                task.rollback(context);
            } else {
                task.execute(context);
            }
        }
        return Optional.empty();
    }

    /**
     * The tenant and its parameters as transaction-local settings, for SQL tasks: {@code upsilon.tenant} and
     * {@code upsilon.tenant.param.<key>} for every key a setting name can hold.
     */
    private static void settings(Connection c, TenantId tenant, Map<String, String> parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
            ps.setString(1, "upsilon.tenant");
            ps.setString(2, tenant.value());
            ps.executeQuery().close();
            for (Map.Entry<String, String> p : parameters.entrySet()) {
                if (SETTING_KEY.matcher(p.getKey()).matches()) {
                    ps.setString(1, "upsilon.tenant.param." + p.getKey().toLowerCase(Locale.ROOT));
                    ps.setString(2, p.getValue() == null ? "" : p.getValue());
                    ps.executeQuery().close();
                }
            }
        }
    }

    @Override
    public boolean purge(TenantId tenant) {
        try (Connection c = dataSource.getConnection()) {
            registry.prepare(c);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                registry.lock(c, tenant, name);
                // only a schema the registry gives this tenant is dropped: never one of the same name made by
                // someone else, and nothing for an install that failed (it left no schema behind)
                boolean installed = registry.version(c, tenant, name).isPresent();
                if (installed) {
                    s.execute("DROP SCHEMA IF EXISTS \"" + schema(tenant) + "\" CASCADE");
                }
                boolean removed = registry.delete(c, tenant, name);
                c.commit();
                return removed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot purge tenant " + tenant + " of " + name + ": "
                    + e.getMessage() + "; check that the database is reachable", e);
        }
    }

    /**
     * {@link #purge} guarded for an operator: a tenant the registry does not list for this module is nothing to purge
     * (a schema of its name, someone else's, is left as it is and named in the message), and a tenant whose install
     * failed is refused when the schema of its name belongs to another tenant and module, since its registry row
     * owns no data. Otherwise the schema and the registry row are dropped in one transaction.
     *
     * @throws UpsilonException {@code STORE_FAILURE} when the database cannot be read or written
     */
    public PurgeResult purgeOwned(TenantId tenant) {
        String schema = schema(tenant);
        List<TenantRecord> all = registry.all();
        Optional<TenantRecord> row = all.stream()
                .filter(r -> r.tenant().equals(tenant) && r.module().equals(name)).findFirst();
        if (row.isEmpty()) {
            Optional<String> note = schemaExists(schema) ? Optional.of("schema " + schema + " exists but the registry"
                    + " does not give it to tenant " + tenant + "; left as it is") : Optional.empty();
            return new PurgeResult(tenant, name, schema, PurgeResult.Outcome.NOTHING_TO_PURGE, Optional.empty(),
                    note);
        }
        Optional<Version> version = row.get().version();
        // schema names are TENANT_MODULE with - as _, so two pairs can share one (t1 + mod-x, t1_mod + x): a row
        // whose install failed does not own the schema of its name, and purging it would drop the owner's data
        Optional<TenantRecord> owner = all.stream()
                .filter(r -> !(r.tenant().equals(tenant) && r.module().equals(name)))
                .filter(r -> r.version().isPresent())
                .filter(r -> schema(r.tenant(), r.module()).equals(schema))
                .findFirst();
        if (owner.isPresent() && version.isEmpty()) {
            return new PurgeResult(tenant, name, schema, PurgeResult.Outcome.NOT_OWNED, version, Optional.of("schema "
                    + schema + " belongs to tenant " + owner.get().tenant() + "'s " + owner.get().module() + ", not to"
                    + " tenant " + tenant + "'s " + name + " (whose install failed); nothing purged; remove the stale"
                    + " registry row by hand: DELETE FROM upsilon_tenant WHERE tenant = '" + tenant + "' AND module"
                    + " = '" + name + "'"));
        }
        boolean purged = purge(tenant);
        return new PurgeResult(tenant, name, schema, purged ? PurgeResult.Outcome.PURGED
                : PurgeResult.Outcome.NOTHING_TO_PURGE, version, Optional.empty());
    }

    private boolean schemaExists(String schema) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the database's schemas ("
                    + String.valueOf(e.getMessage()).strip() + "); check that the database is reachable", e);
        }
    }

    @Override
    public List<TenantRecord> tenants() {
        return registry.list(name);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
