package io.upsilon.cli;

import io.upsilon.PlannedTask;
import io.upsilon.Version;
import io.upsilon.spi.TaskRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code upsilon race}: a built-in upgrade on a throw-away embedded database, showing status, a race of several
 * nodes that runs each task exactly once, and the history. (The full rolling-upgrade demo is {@code upsilon demo}.)
 */
@Command(name = "race", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Runs a small built-in upgrade (a 'transfers' table through versions 1.0.0, 1.0.1 and 1.0.2,"
                + " the last a batched Java backfill) on an embedded PostgreSQL in a temporary directory, removed at"
                + " the end (or in --data-dir, kept; or on --url).",
                "Shows the status, then starts --nodes nodes at once that race to upgrade: each task runs exactly"
                        + " once, the other nodes report DONE_ELSEWHERE or UP_TO_DATE. Then shows the history."})
final class RaceCommand extends BaseCommand {

    static final String MANIFEST = "io/upsilon/cli/demo/upsilon.tasks";

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "How many nodes race (1 to 16).")
    int nodes;

    @Override
    int run(PrintWriter out) throws Exception {
        if (nodes < 1 || nodes > 16) {
            throw new ParameterException(spec.commandLine(), "--nodes must be 1 to 16");
        }
        boolean temporary = options.url == null && !spec.commandLine().getParseResult().hasMatchedOption("--data-dir");
        Path dataDir = temporary ? Files.createTempDirectory("upsilon-demo-") : options.dataDir;
        long started = System.nanoTime();
        try (CliSession session = CliSession.open(options, main(), MANIFEST, dataDir, temporary)) {
            return new DemoRun(session, out).run(started);
        } finally {
            if (temporary) {
                deleteTree(dataDir); // the embedded server removes it when it stops; this catches a failed start
            }
        }
    }

    /** One run of the demo, printing as it goes so a slow step is visibly in progress. */
    private final class DemoRun {
        private final CliSession session;
        private final PrintWriter out;
        private final boolean text;

        DemoRun(CliSession session, PrintWriter out) {
            this.session = session;
            this.out = out;
            this.text = !options.json;
        }

        int run(long started) throws InterruptedException {
            Version target = session.target();
            Optional<Version> before = session.store().dataVersion();
            boolean ahead = before.isPresent() && before.get().isAfter(target);
            List<PlannedTask> plan = ahead ? List.of() : session.upsilon().plan(target).steps();
            List<StepRow> pending = plan.stream().map(StepRow::of).toList();
            List<String> names = IntStream.rangeClosed(1, nodes)
                    .mapToObj(i -> (options.nodeId != null ? options.nodeId : "node") + "-" + i).toList();
            if (text) {
                out.println("Upsilon demo on " + session.database().description());
                out.println();
                out.println("1. Status: data version " + Text.version(before) + ", software version " + target + ", "
                        + Text.plural(pending.size(), "task") + " pending");
                Table table = new Table("", "", "", "");
                pending.forEach(s -> table.row(s.version(), s.task(), s.kind(), s.action()));
                table.print(out, "     ");
                out.println();
                out.println("2. Upgrade: " + nodes + " nodes of version " + target + " start at the same moment;"
                        + " each takes the cluster lock in turn");
                out.flush();
            }
            List<NodeRace.NodeResult> race = NodeRace.run(session, names);
            List<TaskRecord> ran = race.stream().flatMap(r -> r.result().tasks().stream()).toList();
            boolean exactlyOnce = exactlyOnce(plan, ran);
            List<TaskRow> history = session.store().history().stream().map(TaskRow::of).toList();
            Optional<Version> after = session.store().dataVersion();
            Map<String, Long> transfers = DemoData.transfers(session.database().dataSource());
            if (text) {
                printRace(race, exactlyOnce, plan.size());
                printHistory(history);
                out.println("Done in " + Text.duration(Duration.ofNanos(System.nanoTime() - started))
                        + ": data version " + Text.version(after) + DemoData.describe(transfers) + ".");
            } else {
                printJson(out, Json.object("database", session.database().description(), "target", target.toString(),
                        "before", Json.object("dataVersion", Json.text(before), "pending", pending),
                        "nodes", race.stream().map(r -> Json.object("node", r.node(),
                                "outcome", r.result().outcome().name(), "lockTaken", r.result().lockTaken(),
                                "tasks", r.result().tasks().stream().map(TaskRow::of).toList())).toList(),
                        "exactlyOnce", exactlyOnce, "dataVersion", Json.text(after), "history", history,
                        "transfers", transfers));
            }
            return exactlyOnce && after.equals(Optional.of(target)) ? 0 : 1;
        }

        private void printRace(List<NodeRace.NodeResult> race, boolean exactlyOnce, int planned) {
            Table table = new Table("", "", "");
            for (NodeRace.NodeResult r : race) {
                List<TaskRecord> tasks = r.result().tasks();
                String what = switch (r.result().outcome()) {
                    case UPGRADED, DOWNGRADED -> "ran " + Text.plural(tasks.size(), "task") + " under lock token "
                            + tasks.get(0).fencingToken();
                    case DONE_ELSEWHERE -> "waited for the lock, then found the work done";
                    case UP_TO_DATE -> "found the data version current: no lock taken";
                    case DATA_AHEAD -> "found the data ahead of its version";
                };
                table.row(r.node(), r.result().outcome(), what);
            }
            table.print(out, "     ");
            out.println(exactlyOnce ? "   Each of the " + Text.plural(planned, "task") + " ran exactly once."
                    : "   NOT exactly once: the tasks that ran do not match the plan; see the history.");
            out.println();
        }

        private void printHistory(List<TaskRow> history) {
            out.println("3. History (" + Text.plural(history.size(), "row") + ")");
            Table table = new Table("VERSION", "TASK", "STATUS", "NODE", "TOKEN", "DURATION");
            history.forEach(r -> table.row(r.version(), r.task(), r.status(), r.node(), r.token(),
                    Text.duration(r.durationMillis())));
            table.print(out, "     ");
            out.println();
        }
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
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless; the demo's result matters more
        }
    }
}
