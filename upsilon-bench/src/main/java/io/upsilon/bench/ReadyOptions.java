package io.upsilon.bench;

import java.nio.file.Path;
import java.util.List;

/** Command-line options of the {@code ready} benchmark. */
final class ReadyOptions {

    int rounds = 5;
    int nodes = 8;
    long taskMillis = 2_000;
    long timeoutMillis = 120_000;
    Path out;
    boolean keep;
    List<String> raw = List.of();

    static ReadyOptions parse(String[] args) {
        ReadyOptions o = new ReadyOptions();
        o.raw = List.of(args);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
                case "--nodes" -> o.nodes = Integer.parseInt(args[++i]);
                case "--task-ms" -> o.taskMillis = Long.parseLong(args[++i]);
                case "--timeout-s" -> o.timeoutMillis = Long.parseLong(args[++i]) * 1_000;
                case "--out" -> o.out = Path.of(args[++i]);
                case "--keep" -> o.keep = true;
                case "--help", "-h" -> {
                    System.out.println("java -jar upsilon-bench.jar ready [--rounds 5] [--nodes 8] [--task-ms 2000]"
                            + " [--timeout-s 120] [--out upsilon-bench/results-ready.md] [--keep]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; try ready --help");
            }
        }
        if (o.rounds < 1 || o.nodes < 2 || o.taskMillis < 0) {
            throw new IllegalArgumentException("need --rounds >= 1, --nodes >= 2 and --task-ms >= 0");
        }
        if (o.out == null) {
            o.out = Child.resultsFile("results-ready.md");
        }
        return o;
    }
}
