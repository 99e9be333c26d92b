package io.upsilon.bench;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.ModuleId;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantUpgradeOptions;
import io.upsilon.tenant.TenantUpgrader;
import io.upsilon.tenant.pg.PgTenantModule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tenants} mode: a module of {@code --tasks} one-statement tasks installed for {@code --tenants} tenants
 * through {@link TenantUpgrader#install} (one schema and one transaction per tenant), once one at a time and once
 * {@code --parallel} at a time, each in a fresh database of the same embedded PostgreSQL; then the same statements
 * applied by Flyway ({@code migrate()} with {@code schemas(S).createSchemas(true)}, the files {@code V1…VN}) to
 * {@code --flyway-schemas} fresh schemas one after another. Prints the speed-up of the parallel run and the time per
 * tenant (one at a time) against Flyway's time per schema. Both sides run warm in this JVM after a warm-up of each;
 * asserts nothing.
 */
@Command(name = "tenants", mixinStandardHelpOptions = true,
        description = "Tenant installs: --parallel N against one at a time, and per tenant against Flyway.")
final class TenantBench implements Callable<Integer> {

    @Option(names = "--tenants", defaultValue = "1000", description = "Tenants installed per run (default 1000).")
    int tenants;

    @Option(names = "--parallel", defaultValue = "4", description = "Tenants at once in the parallel run (default 4).")
    int parallel;

    @Option(names = "--tasks", defaultValue = "10", description = "One-statement tasks of the module (default 10).")
    int tasks;

    @Option(names = "--flyway-schemas", defaultValue = "100", description = "Schemas Flyway migrates (default 100).")
    int flywaySchemas;

    @Option(names = "--warmup", defaultValue = "30", description = "Tenants and schemas of each side's warm-up"
            + " (default 30).")
    int warmup;

    @Option(names = "--quick", description = "Small sizes for trying the mode: 100 tenants, 20 Flyway schemas.")
    boolean quick;

    static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int code = new CommandLine(new TenantBench()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            tenants = 100;
            flywaySchemas = 20;
            warmup = 10;
        }
        if (tenants < 1 || parallel < 1 || tasks < 1 || flywaySchemas < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tenants, --parallel, --tasks and"
                    + " --flyway-schemas must be at least 1, --warmup at least 0");
        }
        Path migrations = Files.createTempDirectory("upsilon-bench-tenants-");
        for (int i = 1; i <= tasks; i++) {
            Files.writeString(migrations.resolve("V" + i + "__t" + i + ".sql"), statement(i) + ";\n",
                    StandardCharsets.UTF_8);
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off").start()) {
            Harness.progress("tenants: warming up both sides (" + warmup + " tenants and schemas each)");
            install(database(pg, "warm_ours"), warmup, 1);
            flyway(database(pg, "warm_flyway"), migrations, warmup);
            Harness.progress("tenants: " + tenants + " tenants, one at a time");
            long one = install(database(pg, "tenants_1"), tenants, 1);
            Harness.progress("tenants: " + tenants + " tenants, " + parallel + " at a time");
            long many = install(database(pg, "tenants_" + parallel), tenants, parallel);
            Harness.progress("tenants: Flyway, " + flywaySchemas + " schemas one after another");
            long theirs = flyway(database(pg, "flyway_schemas"), migrations, flywaySchemas);
            double perTenant = (double) one / tenants;
            double perSchema = (double) theirs / flywaySchemas;
            System.out.println("Tenant installs: a module of " + tasks + " one-statement tasks, " + tenants
                    + " tenants, " + Runtime.getRuntime().availableProcessors() + " CPUs");
            System.out.printf(Locale.ROOT, "  --parallel 1: %s (%.1f tenants/s)%n", Stats.ms(one), rate(tenants, one));
            System.out.printf(Locale.ROOT, "  --parallel %d: %s (%.1f tenants/s)%n", parallel, Stats.ms(many),
                    rate(tenants, many));
            System.out.printf(Locale.ROOT, "  speed-up of --parallel %d: %.2fx%n", parallel, (double) one / many);
            System.out.printf(Locale.ROOT, "  per tenant (one at a time): %s; Flyway per schema (%d schemas): %s;"
                    + " ratio %.2f (goal <= 2)%n", Stats.ms(perTenant), flywaySchemas, Stats.ms(perSchema),
                    perTenant / perSchema);
        }
        return 0;
    }

    private static double rate(int count, long nanos) {
        return count / (nanos / 1e9);
    }

    private static String statement(int i) {
        return "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, v text)";
    }

    private static DataSource database(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return pg.getDatabase("postgres", name);
    }

    /** Installs the module for {@code count} new tenants; the run's nanoseconds. */
    private long install(DataSource ds, int count, int at) {
        List<TaskDefinition> definitions = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            String sql = statement(i);
            definitions.add(TaskDefinition.of(Version.parse("1.0.0"), "t" + i, () -> new BaseUpgradeTask() {
                @Override
                public void execute(TaskContext context) throws Exception {
                    try (Statement s = context.connection().createStatement()) {
                        s.execute(sql);
                    }
                }
            }));
        }
        PgTenantModule module = new PgTenantModule(ds, "mod-bench", Manifest.of("mod-bench", definitions));
        module.tenants(); // the registry table, made before the clock starts, as on any database that has tenants
        List<TenantId> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(TenantId.parse(String.format(Locale.ROOT, "t%05d", i)));
        }
        long start = System.nanoTime();
        TenantUpgrader.Report report = new TenantUpgrader(module).install(ModuleId.parse("mod-bench-1.0.0"), ids,
                TenantUpgradeOptions.builder().parallel(at).build());
        long nanos = System.nanoTime() - start;
        Child.require(!report.failed() && report.results().size() == count, "the install failed: "
                + report.results().stream().filter(r -> r.message().isPresent()).findFirst());
        return nanos;
    }

    /** Flyway's migrate of the same statements into {@code count} fresh schemas, one after another. */
    private static long flyway(DataSource ds, Path migrations, int count) {
        long start = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            Flyway.configure().dataSource(ds).schemas("s" + i).createSchemas(true)
                    .locations("filesystem:" + migrations.toAbsolutePath()).load().migrate();
        }
        return System.nanoTime() - start;
    }
}
