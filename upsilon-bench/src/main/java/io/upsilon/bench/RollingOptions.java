package io.upsilon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of the rolling benchmark; {@code --quick} changes the defaults, explicit options win. */
final class RollingOptions {

    int rounds = 3;
    int rate = 150;
    double window = 20;
    double warmup = 20;
    String from = "1.0.0";
    String to = "1.0.1";
    Path out;
    boolean keep;
    boolean quick;
    final List<String> raw = new ArrayList<>();

    static RollingOptions parse(String[] args) {
        RollingOptions o = new RollingOptions();
        o.raw.addAll(List.of(args));
        if (o.raw.contains("--quick")) {
            o.quick = true;
            o.rounds = 2;
            o.rate = 50;
            o.window = 5;
            o.warmup = 10;
        }
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> { }
                case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
                case "--rate" -> o.rate = Integer.parseInt(args[++i]);
                case "--window" -> o.window = Double.parseDouble(args[++i]);
                case "--warmup" -> o.warmup = Double.parseDouble(args[++i]);
                case "--from" -> o.from = args[++i];
                case "--to" -> o.to = args[++i];
                case "--out" -> o.out = Path.of(args[++i]);
                case "--keep" -> o.keep = true;
                case "--help", "-h" -> {
                    System.out.println("rolling [--quick] [--rounds 3] [--rate 150] [--window 20] [--warmup 20]"
                            + " [--from 1.0.0] [--to 1.0.1] [--out FILE] [--keep]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; see upsilon-bench/README.md");
            }
        }
        if (o.rounds < 1 || o.rate < 1 || o.window <= 0 || o.warmup < 0) {
            throw new IllegalArgumentException("--rounds, --rate and --window must be positive, --warmup not negative");
        }
        if (o.out == null) {
            o.out = Child.resultsFile("results-rolling.md");
        }
        return o;
    }

    /** The demo's arguments for one round: three nodes, no side-by-side move, its files in {@code dir}. */
    String[] demoArgs(Path dir) {
        return new String[] {"--nodes", "3", "--rate", Integer.toString(rate), "--duration", Double.toString(window),
            "--warmup", Double.toString(warmup), "--from", from, "--to", to, "--no-move", "--work-dir",
            dir.toString()};
    }
}
