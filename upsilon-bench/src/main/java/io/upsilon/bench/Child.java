package io.upsilon.bench;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** What both sides' child processes share: the data source and the {@code key=value} output the harness parses. */
final class Child {

    private final Map<String, List<Long>> values = new LinkedHashMap<>();
    private final ClassLoadingMXBean classes;
    private long last = System.nanoTime();
    private long lastClasses;

    /** A timer; {@code countClasses} also records how many classes each phase loaded (profile children only). */
    Child(boolean countClasses) {
        this.classes = countClasses ? ManagementFactory.getClassLoadingMXBean() : null;
    }

    Child() {
        this(false);
    }

    /**
     * The connection approach both sides use: a plain, non-pooled {@link PGSimpleDataSource} over TCP to localhost,
     * user postgres; every {@code getConnection()} opens a new session.
     */
    static DataSource dataSource(int port, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        return ds;
    }

    /** Restarts the phase clock. */
    void start() {
        if (classes != null) {
            lastClasses = classes.getTotalLoadedClassCount();
        }
        last = System.nanoTime();
    }

    /** Records the time since the last mark (or start) under {@code phase}. */
    void mark(String phase) {
        long now = System.nanoTime();
        add(phase, now - last);
        if (classes != null) {
            long loaded = classes.getTotalLoadedClassCount();
            add("classes_" + phase, loaded - lastClasses);
            lastClasses = loaded;
        }
        last = System.nanoTime();
    }

    void add(String key, long nanos) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(nanos);
    }

    /** Prints every value as {@code key=v1,v2,...} on stdout, for the harness. */
    void print() {
        values.forEach((k, v) -> System.out.println(k + "=" + v.stream().map(String::valueOf)
                .collect(Collectors.joining(","))));
        System.out.flush();
    }

    /**
     * The warm loop both sides share: {@code warmup} rounds, then {@code calls} measured rounds; each round makes one
     * "reuse" call and one "full" call, alternating, so that both variants see the same JIT and GC state.
     */
    static void warmLoop(int warmup, int calls, Runnable reuse, Runnable full) {
        Child out = new Child();
        for (int i = 0; i < warmup + calls; i++) {
            long t = System.nanoTime();
            reuse.run();
            long reuseNanos = System.nanoTime() - t;
            t = System.nanoTime();
            full.run();
            long fullNanos = System.nanoTime() - t;
            if (i >= warmup) {
                out.add("reuse", reuseNanos);
                out.add("full", fullNanos);
            }
        }
        out.print();
    }

    /** Fails the child (and so the harness) when the measured call was not the no-op it is meant to be. */
    static void require(boolean ok, String message) {
        if (!ok) {
            System.err.println("NOT A NO-OP: " + message);
            System.exit(3);
        }
    }

    /** {@code path} in the repository the bench jar was built in, or null when not run from the build. */
    static Path repositoryFile(String path) {
        Path results = resultsFile("x");
        Path module = results.getParent();
        if (module == null || module.getParent() == null) {
            return null;
        }
        Path file = module.getParent().resolve(path);
        return Files.isRegularFile(file) ? file : null;
    }

    /** {@code upsilon-bench/NAME} beside the jar's {@code target/} when run from the build, else NAME here. */
    static Path resultsFile(String name) {
        try {
            Path jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path module = jar.getParent() == null ? null : jar.getParent().getParent();
            if (module != null && Files.isRegularFile(module.resolve("pom.xml"))
                    && module.getFileName().toString().equals("upsilon-bench")) {
                return module.resolve(name);
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // not run from the build: write beside the current directory
        }
        return Path.of(name);
    }
}
