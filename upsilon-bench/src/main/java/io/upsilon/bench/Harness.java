package io.upsilon.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.internal.license.VersionPrinter;
import liquibase.util.LiquibaseUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole start-up benchmark: starts one embedded PostgreSQL, prepares for each size a database with that many
 * applied Upsilon tasks, one with as many applied Flyway migrations and one with as many applied Liquibase changesets
 * (each applied by a fresh JVM, timed), then measures the three sides' no-op start-up check ({@link StartRounds}:
 * cold, cold with AppCDS, profile, warm) and prints and writes the markdown ({@link StartReport}). Flyway is the
 * goal's reference; Liquibase is the second peer. Measures and reports; asserts no times.
 */
final class Harness {

    private final Options options;
    private final Path work;
    private final Path childLog;
    private EmbeddedPostgres pg;
    private StartRounds rounds;

    private Harness(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("upsilon-bench-");
        this.childLog = work.resolve("children.log");
    }

    static void main(String[] args) throws Exception {
        // the harness's own logging (embedded server, applying thousands of tasks) stays quiet; the children keep
        // slf4j-simple's default INFO level, as an application would, with their stderr going to a log file
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = Options.parse(args);
        Harness harness = new Harness(options);
        try {
            harness.run();
        } finally {
            harness.cleanUp();
        }
    }

    private void run() throws Exception {
        progress("work directory " + work + " (children's logs in " + childLog + ")");
        progress("starting embedded PostgreSQL");
        pg = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        rounds = new StartRounds(options, work, childLog, pg.getPort());
        StartExplanation.Environment env = environment();
        progress("JVM " + env.jvm() + "; PostgreSQL " + env.postgres() + "; Flyway " + env.flyway() + "; Liquibase "
                + env.liquibase() + "; load average " + loadAverage());

        Map<Integer, Setup> setups = new LinkedHashMap<>();
        for (int size : options.sizes) {
            setups.put(size, setUp(size));
        }

        progress("baseline: an empty JVM from the same jar, " + options.coldRounds + " times");
        List<Long> emptyJvm = rounds.emptyJvm();

        Map<Integer, StartRounds.Measured> measured = new LinkedHashMap<>();
        for (Setup setup : setups.values()) {
            measured.put(setup.size, rounds.measure(setup));
        }
        String report = StartReport.of(env, options, setups, measured, emptyJvm);
        System.out.println(report);
        Files.writeString(options.out, report, StandardCharsets.UTF_8);
        progress("wrote " + options.out.toAbsolutePath().normalize());
    }

    // ---------------------------------------------------------------- set-up

    /**
     * The databases and files for one size: {@code size} applied Upsilon tasks, as many Flyway migrations and as many
     * Liquibase changesets.
     */
    record Setup(int size, String oursDb, Path manifest, String flywayDb, Path migrations, String liquibaseDb,
                         Path changelogDir, Map<String, List<Long>> applyNanos) {
    }

    private Setup setUp(int size) throws Exception {
        progress("size " + size + ": writing " + size + " SQL tasks for each side");
        Path oursDir = Files.createDirectories(work.resolve("upsilon-" + size));
        Path sqlDir = Files.createDirectories(oursDir.resolve("sql"));
        Path flywayDir = Files.createDirectories(work.resolve("flyway-" + size));
        Path liquibaseDir = Files.createDirectories(work.resolve("liquibase-" + size));
        StringBuilder manifest = new StringBuilder("# " + size + " versions, one SQL task each\n");
        // a Liquibase user writing plain SQL keeps one formatted-SQL changelog, one changeset per change
        StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n");
        for (int i = 1; i <= size; i++) {
            String sql = "CREATE TABLE t_" + i + " (id int);\n";
            manifest.append("1.0.").append(i).append("\n  - sql/t_").append(i).append(".sql\n");
            Files.writeString(sqlDir.resolve("t_" + i + ".sql"), sql, StandardCharsets.UTF_8);
            Files.writeString(flywayDir.resolve("V" + i + "__t_" + i + ".sql"), sql, StandardCharsets.UTF_8);
            changelog.append("\n--changeset bench:").append(i).append("\n").append(sql);
        }
        Path manifestFile = oursDir.resolve("upsilon.tasks");
        Files.writeString(manifestFile, manifest, StandardCharsets.UTF_8);
        Files.writeString(liquibaseDir.resolve(LiquibaseSide.CHANGELOG), changelog, StandardCharsets.UTF_8);

        // each round applies every side in a fresh JVM on an empty database of its own; the no-op check then
        // measures the databases of the last round
        Map<String, List<Long>> applyNanos = new LinkedHashMap<>();
        Map<String, String> lastDb = new LinkedHashMap<>();
        Map<String, Path> inputs = Map.of("ours", manifestFile, "flyway", flywayDir, "liquibase", liquibaseDir);
        for (int r = 0; r < options.applyRounds; r++) {
            progress("size " + size + ": applying all " + size + " tasks, round " + (r + 1) + " of "
                    + options.applyRounds + " (a fresh JVM and an empty database per side)");
            for (int k = 0; k < StartRounds.SIDES.size(); k++) {
                String side = StartRounds.SIDES.get((r + k) % StartRounds.SIDES.size());
                String db = side + "_" + size + "_" + r;
                createDatabase(db);
                StartRounds.ChildRun run = rounds.spawn("apply-" + side, String.valueOf(pg.getPort()), db, inputs.get(side).toString());
                long applied = run.values().getOrDefault("applied", List.of(0L)).get(0);
                if (applied != size) {
                    throw new IllegalStateException(side + " applied " + applied + " of " + size + " tasks");
                }
                applyNanos.computeIfAbsent(side, x -> new ArrayList<>()).addAll(run.values().get("total"));
                lastDb.put(side, db);
            }
        }
        return new Setup(size, lastDb.get("ours"), manifestFile, lastDb.get("flyway"), flywayDir,
                lastDb.get("liquibase"), liquibaseDir, applyNanos);
    }

    private void createDatabase(String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    private StartExplanation.Environment environment() throws SQLException {
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")";
        String postgres;
        DataSource ds = pg.getPostgresDatabase();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            postgres = rs.getString(1);
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs";
        return new StartExplanation.Environment(jvm, postgres, VersionPrinter.getVersion(),
                LiquibaseUtil.getBuildVersion(), os);
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}): the machine is shared, so runs say how busy. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The same java binary and JVM options as this process, with this jar (or class path). */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchMain.class.getName());
        return command;
    }

    // ---------------------------------------------------------------- plumbing

    private void cleanUp() {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                progress("stopping PostgreSQL failed: " + e.getMessage());
            }
        }
        if (options.keep) {
            progress("kept " + work);
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            progress("could not delete " + work + ": " + e.getMessage());
        }
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }

    /** Command-line options of the whole run. */
    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The no-op start-up check: Upsilon against Flyway and Liquibase, cold and warm.")
    static final class Options {
        @Option(names = "--sizes", split = ",", description = "applied tasks per measured set-up (default: 1000,100)")
        List<Integer> sizes = new ArrayList<>(List.of(1000, 100));
        @Option(names = "--cold-rounds", description = "fresh JVMs per side and size (default: ${DEFAULT-VALUE})")
        int coldRounds = 10;
        @Option(names = "--apply-rounds", description = "fresh JVMs per side and size applying every task on an"
                + " empty database; 1 or more, the no-op check measures the last round's databases (default:"
                + " ${DEFAULT-VALUE})")
        int applyRounds = 3;
        @Option(names = "--warm-rounds", description = "JVMs per side and size, warm mode (default: ${DEFAULT-VALUE})")
        int warmRounds = 3;
        @Option(names = "--warmup", description = "unmeasured warm rounds per JVM (default: ${DEFAULT-VALUE})")
        int warmup = 30;
        @Option(names = "--calls", description = "measured warm rounds per JVM (default: ${DEFAULT-VALUE})")
        int calls = 50;
        @Option(names = "--out", description = "where to write the table (default: upsilon-bench/results.md)")
        Path out;
        @Option(names = "--cds", negatable = true, description = "also measure the cold check with an AppCDS archive"
                + " per side, as bin/upsilon starts the CLI (default: on; --no-cds leaves it out)")
        boolean cds = true;
        @Option(names = "--keep", description = "keep the temp directory (scripts, children.log)")
        boolean keep;
        List<String> raw = List.of();

        static Options parse(String[] args) {
            Options o = CommandLineOptions.parse(new Options(), args);
            if (o.applyRounds < 1) {
                throw new IllegalArgumentException("--apply-rounds must be 1 or more, got " + o.applyRounds
                        + ": the no-op check runs on the databases the last apply round filled");
            }
            o.raw = List.of(args);
            if (o.out == null) {
                o.out = Child.resultsFile("results.md");
            }
            return o;
        }
    }
}
