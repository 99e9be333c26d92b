package io.upsilon.demo.race;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsilon.Manifest;
import io.upsilon.PlannedTask;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import io.upsilon.cli.Main;
import io.upsilon.demo.RootVersion;
import io.upsilon.demo.race.NodeRace.NodeResult;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.TaskRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code upsilon race}: a built-in upgrade on a throw-away embedded database, showing the status, a race of several
 * nodes that runs each task exactly once, and the history. Made of public library calls only: {@link Manifest},
 * {@link PostgresBackend}, {@link Upsilon#plan}, {@link Upsilon#migrateTo}.
 */
@Command(name = "race", mixinStandardHelpOptions = true, versionProvider = RootVersion.class,
        showDefaultValues = true,
        description = {"Shows that racing nodes run each upgrade task exactly once: runs a small built-in upgrade (the"
                + " transfer table of the example service through data versions 1.0.0, 1.0.1 and 1.0.2, the last the"
                + " service's batched Java backfill) on an embedded PostgreSQL in a temporary directory, removed at"
                + " the end (or in --data-dir, kept; or on --url).",
                "Shows the status, then starts --nodes nodes at once that race to upgrade: each task runs exactly"
                        + " once, the other nodes report DONE_ELSEWHERE or UP_TO_DATE. Then shows the history."},
        footer = {"", "Exit codes: 0 each task ran once and the data is at 1.0.2, 1 otherwise, 2 usage or bad"
                + " input."})
public final class RaceCommand implements Callable<Integer> {

    static final String MANIFEST = "io/upsilon/demo/race/upsilon.tasks";

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "How many nodes race (1 to 16).")
    int nodes;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "Race on this PostgreSQL instead of an embedded"
            + " one, e.g. jdbc:postgresql://db:5432/app?user=upsilon; the password comes from $" + Main.PASSWORD_ENV
            + ".")
    String url;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the embedded PostgreSQL's data in DIR"
            + " (default: a temporary directory, removed at the end).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > 16) {
            throw new ParameterException(spec.commandLine(), "--nodes must be 1 to 16, got " + nodes);
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        if (url != null) {
            PGSimpleDataSource remote = new PGSimpleDataSource();
            remote.setURL(url);
            String password = System.getenv(Main.PASSWORD_ENV);
            if (password != null) {
                remote.setPassword(password);
            }
            // the URL without its parameters: never a password in the output
            return race(remote, "PostgreSQL at " + url.split("\\?")[0], out, started);
        }
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("upsilon-race-") : Files.createDirectories(dataDir);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.toFile())
                .setCleanDataDirectory(temporary).start()) {
            return race(postgres.getPostgresDatabase(), "embedded PostgreSQL in " + dir
                    + (temporary ? " (temporary)" : ""), out, started);
        } finally {
            if (temporary) {
                deleteTree(dir); // the embedded server removes it when it stops; this catches a failed start
            }
        }
    }

    private int race(DataSource dataSource, String database, PrintWriter out, long started) throws Exception {
        Manifest manifest = Manifest.loadResource(MANIFEST, RaceCommand.class.getClassLoader());
        Version target = manifest.latest().orElseThrow();
        PostgresBackend backend = PostgresBackend.create(dataSource);
        List<String> names = IntStream.rangeClosed(1, nodes).mapToObj(i -> "node-" + i).toList();
        List<Upsilon> racers = names.stream().map(name -> Upsilon.create(UpsilonConfig.builder().manifest(manifest)
                .softwareVersion(target).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, name)).nodeId(name).build())).toList();

        Optional<Version> before = backend.store().dataVersion();
        boolean ahead = before.isPresent() && before.get().isAfter(target);
        List<PlannedTask> plan = ahead ? List.of() : racers.get(0).plan(target).steps();
        if (!json) {
            out.println("Upsilon race on " + database);
            out.println();
            out.println("1. Status: data version " + before.map(Version::toString).orElse("none")
                    + ", software version " + target + ", " + plural(plan.size(), "task") + " pending");
            table(out, plan.stream().map(s -> List.of(s.definition().version().toString(), s.definition().name(),
                    s.definition().kind().name(), s.action().name())).toList());
            out.println();
            out.println("2. Upgrade: " + nodes + " nodes of version " + target + " start at the same moment; each"
                    + " takes the cluster lock in turn");
            out.flush();
        }
        List<NodeResult> race = NodeRace.run(names, racers, target);
        List<TaskRecord> ran = race.stream().flatMap(r -> r.result().tasks().stream()).toList();
        boolean exactlyOnce = exactlyOnce(plan, ran);
        List<TaskRecord> history = backend.store().history();
        Optional<Version> after = backend.store().dataVersion();
        RaceData.Transfers transfers = RaceData.transfers(dataSource);
        if (json) {
            RaceReport report = RaceReport.of(database, target, before, plan, race, exactlyOnce, after, history,
                    transfers);
            out.println(new ObjectMapper().writeValueAsString(report));
        } else {
            printRace(out, race, exactlyOnce, plan.size());
            printHistory(out, history);
            out.println(String.format(Locale.ROOT, "Done in %.1f s: data version %s; %s.",
                    (System.nanoTime() - started) / 1e9, after.map(Version::toString).orElse("none"),
                    transfers.describe()));
        }
        out.flush();
        return exactlyOnce && after.equals(Optional.of(target)) ? 0 : 1;
    }

    private static void printRace(PrintWriter out, List<NodeResult> race, boolean exactlyOnce, int planned) {
        List<List<String>> rows = new ArrayList<>();
        for (NodeResult r : race) {
            List<TaskRecord> tasks = r.result().tasks();
            String what = switch (r.result().outcome()) {
                case UPGRADED, DOWNGRADED -> "ran " + plural(tasks.size(), "task") + " under lock token "
                        + tasks.get(0).fencingToken();
                case DONE_ELSEWHERE -> "waited for the lock, then found the work done";
                case UP_TO_DATE -> "found the data version current: no lock taken";
                case DATA_AHEAD -> "found the data ahead of its version";
            };
            rows.add(List.of(r.node(), r.result().outcome().name(), what));
        }
        table(out, rows);
        out.println(exactlyOnce ? "   Each of the " + plural(planned, "task") + " ran exactly once."
                : "   NOT exactly once: the tasks that ran do not match the plan; see the history.");
        out.println();
    }

    private static void printHistory(PrintWriter out, List<TaskRecord> history) {
        out.println("3. History (" + plural(history.size(), "row") + ")");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VERSION", "TASK", "STATUS", "NODE", "TOKEN", "DURATION"));
        history.forEach(r -> rows.add(List.of(r.version().toString(), r.task(), r.status().name(), r.nodeId(),
                Long.toString(r.fencingToken()), r.duration().map(d -> d.toMillis() + " ms").orElse("-"))));
        table(out, rows);
        out.println();
    }

    /** Rows in columns as wide as their widest cell. */
    private static void table(PrintWriter out, List<List<String>> rows) {
        int[] widths = new int[rows.stream().mapToInt(List::size).max().orElse(0)];
        rows.forEach(row -> IntStream.range(0, row.size()).forEach(i -> widths[i] = Math.max(widths[i],
                row.get(i).length())));
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("     ");
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Whether every planned step ran once, on one node, and nothing else ran. The manifest never lists a task twice,
     * so equal sorted lists mean exactly once.
     */
    static boolean exactlyOnce(List<PlannedTask> plan, List<TaskRecord> ran) {
        List<String> planned = plan.stream().map(s -> s.definition().version() + " " + s.definition().name())
                .sorted().toList();
        List<String> done = ran.stream().map(r -> r.version() + " " + r.task()).sorted().toList();
        return planned.equals(done);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless; the race's result matters more
        }
    }
}
