package io.upsilon.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured child JVMs of the start-up benchmark ({@link Harness}): cold (plain, and with an application
 * class-data-sharing archive of each side's own), profile and warm, with the sides interleaved; and the spawning of
 * one child with its {@code key=value} output parsed.
 */
final class StartRounds {

    /** The sides in the order of the report's columns; each is also the suffix of its child modes. */
    static final List<String> SIDES = List.of("ours", "flyway", "liquibase");

    /** Everything measured for one size; each list holds nanosecond samples. */
    static final class Measured {
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

    /** One child's {@code key=value} output and its wall time from process start to exit. */
    record ChildRun(Map<String, List<Long>> values, long wallNanos) {
    }

    private final Harness.Options options;
    private final Path work;
    private final Path childLog;
    private final List<String> javaCommand;
    private final String port;

    StartRounds(Harness.Options options, Path work, Path childLog, int port) {
        this.options = options;
        this.work = work;
        this.childLog = childLog;
        this.javaCommand = Harness.javaCommand();
        this.port = String.valueOf(port);
    }

    /** Wall times of an empty JVM from the same jar: the floor under every cold figure. */
    List<Long> emptyJvm() throws IOException, InterruptedException {
        List<Long> wall = new ArrayList<>();
        spawn("empty-jvm");
        for (int r = 0; r < options.coldRounds; r++) {
            wall.add(spawn("empty-jvm").wallNanos);
        }
        return wall;
    }

    Measured measure(Harness.Setup s) throws Exception {
        Measured m = new Measured();
        Map<String, String[]> args = Map.of(
                "ours", new String[] {port, s.oursDb(), s.manifest().toString()},
                "flyway", new String[] {port, s.flywayDb(), s.migrations().toString()},
                "liquibase", new String[] {port, s.liquibaseDb(), s.changelogDir().toString()});

        Map<String, List<String>> cds = options.cds ? archives(s.size(), args) : Map.of();
        List<String> launcher = launcher(s.size(), args.get("ours"));
        Harness.progress("size " + s.size() + ": cold, " + options.coldRounds + " fresh JVMs per side"
                + (cds.isEmpty() ? "" : " without and " + options.coldRounds + " with its AppCDS archive")
                + (launcher.isEmpty() ? "" : ", and " + options.coldRounds + " of Upsilon as bin/upsilon starts it")
                + " (after one unmeasured each)");
        for (String side : SIDES) {
            spawn("cold-" + side, args.get(side));
        }
        for (int r = 0; r < options.coldRounds; r++) {
            // rotate which side goes first, and the order of its variants, so drift hits all alike
            for (int k = 0; k < SIDES.size(); k++) {
                String side = SIDES.get((r + k) % SIDES.size());
                Map<String, List<Long>> into = m.of(side);
                Map<String, List<String>> variants = new LinkedHashMap<>();
                variants.put("cold.", List.of());
                if (cds.containsKey(side)) {
                    variants.put("cds.", cds.get(side));
                }
                if (side.equals("ours") && !launcher.isEmpty()) {
                    variants.put("launch.", launcher);
                }
                List<String> order = new ArrayList<>(variants.keySet());
                Collections.rotate(order, r);
                for (String prefix : order) {
                    ChildRun run = spawnWith(variants.get(prefix), "cold-" + side, args.get(side));
                    Measured.addAll(into, run.values, prefix);
                    into.computeIfAbsent(prefix + "wall", x -> new ArrayList<>()).add(run.wallNanos);
                }
            }
        }

        Harness.progress("size " + s.size() + ": cold profile (driver and connection first), " + options.coldRounds
                + " fresh JVMs per side");
        for (int r = 0; r < options.coldRounds; r++) {
            for (String side : SIDES) {
                Measured.addAll(m.of(side), spawn("profile-" + side, args.get(side)).values, "profile.");
            }
        }

        Harness.progress("size " + s.size() + ": warm, " + options.warmRounds + " JVMs per side, " + options.warmup
                + " unmeasured + " + options.calls + " measured rounds each");
        for (int r = 0; r < options.warmRounds; r++) {
            for (String side : SIDES) {
                String[] warm = concat(args.get(side), String.valueOf(options.warmup), String.valueOf(options.calls));
                Measured.addAll(m.of(side), spawn("warm-" + side, warm).values, "warm.");
            }
        }
        return m;
    }

    /**
     * Each side's own dynamic AppCDS archive, recorded by one cold child of that side ({@code
     * -XX:ArchiveClassesAtExit}), as {@code bin/upsilon} records the CLI's on its first run: the JVM options that
     * use it. A side whose archive could not be written is left out (the report then shows no CDS figure for it).
     */
    private Map<String, List<String>> archives(int size, Map<String, String[]> args) throws Exception {
        Harness.progress("size " + size + ": recording an AppCDS archive per side (one cold child each)");
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String side : SIDES) {
            Path jsa = work.resolve(side + "-" + size + ".jsa");
            spawnWith(List.of("-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds*=off"), "cold-" + side, args.get(side));
            if (Files.isRegularFile(jsa) && Files.size(jsa) > 0) {
                options.put(side, List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off"));
            } else {
                Harness.progress("no AppCDS archive written for " + side + "; see " + childLog);
            }
        }
        return options;
    }

    /**
     * The JVM options Upsilon's cold child gets to start as {@code bin/upsilon} starts a short command: the options
     * file {@code bin/upsilon.jvmopts} (a java {@code @}argument file, the same file the script passes) and an AppCDS
     * archive recorded with those options by one cold child, as the script records its archive on its first run.
     * Empty (no such row) when the repository's {@code bin/} is not beside the bench jar.
     */
    private List<String> launcher(int size, String[] oursArgs) throws Exception {
        Path options = Child.repositoryFile("bin/upsilon.jvmopts");
        if (options == null) {
            Harness.progress("bin/upsilon.jvmopts not found beside the bench jar: no row for Upsilon as bin/upsilon"
                    + " starts it");
            return List.of();
        }
        String argFile = "@" + options;
        Path jsa = work.resolve("ours-launcher-" + size + ".jsa");
        Harness.progress("size " + size + ": recording Upsilon's AppCDS archive as bin/upsilon does (" + argFile + ")");
        spawnWith(List.of(argFile, "-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds*=off"), "cold-ours", oursArgs);
        if (Files.isRegularFile(jsa) && Files.size(jsa) > 0) {
            return List.of(argFile, "-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off");
        }
        Harness.progress("no AppCDS archive written with " + argFile + "; see " + childLog);
        return List.of(argFile);
    }

    /** Runs one child JVM; the wall time covers process start to exit. */
    ChildRun spawn(String mode, String... args) throws IOException, InterruptedException {
        return spawnWith(List.of(), mode, args);
    }

    /** {@link #spawn}, with extra JVM options before the main class. */
    ChildRun spawnWith(List<String> jvmOptions, String mode, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(javaCommand.subList(0, 1));
        command.addAll(jvmOptions);
        command.addAll(javaCommand.subList(1, javaCommand.size()));
        command.add(mode);
        command.addAll(Arrays.asList(args));
        Files.writeString(childLog, "### " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
