package io.upsilon.bench;

import io.upsilon.Manifest;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.postgres.PostgresBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A large transactional SQL script (issue 13, item 3), side by side in one run: psql
 * ({@code psql --single-transaction -f}), Upsilon's SQL task, and one pgJDBC {@code execute} of the whole script
 * (the old path, quadratic in pgJDBC's result chain; skipped above {@code --raw-max} statements). Each size runs on
 * a fresh database. Prints seconds and the ratio to psql.
 *
 * <pre>java -jar upsilon-bench.jar script [--sizes 22500,67500,221700] [--raw-max 67500] [--psql /usr/bin/psql]</pre>
 */
public final class ScriptBench {

    private ScriptBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>(List.of(22_500, 67_500, 221_700));
        int rawMax = 67_500;
        String psqlOption = "/usr/bin/psql";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--raw-max" -> rawMax = Integer.parseInt(args[i + 1]);
                case "--psql" -> psqlOption = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String psql = psqlOption;
        Path dir = Files.createTempDirectory("upsilon-script-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").start()) {
            System.out.println("| statements | MB | psql s | Upsilon s | Upsilon / psql | one pgJDBC execute s |");
            System.out.println("|---:|---:|---:|---:|---:|---:|");
            for (int n : sizes) {
                String script = script(n);
                Path file = Files.writeString(dir.resolve("big" + n + ".sql"), script);
                double psqlSeconds = time(() -> {
                    String db = database(pg, "psql" + n);
                    Process p = new ProcessBuilder(psql, "-X", "-q", "--single-transaction", "-v", "ON_ERROR_STOP=1",
                            "-h", "localhost", "-p", Integer.toString(pg.getPort()), "-U", "postgres", "-d", db,
                            "-f", file.toString()).redirectErrorStream(true).redirectOutput(
                            ProcessBuilder.Redirect.DISCARD).start();
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("psql failed");
                    }
                });
                double oursSeconds = time(() -> {
                    DataSource ds = pg.getDatabase("postgres", database(pg, "ours" + n));
                    Path manifest = Files.writeString(dir.resolve("upsilon" + n + ".tasks"), "1.0\n  - big" + n
                            + ".sql\n");
                    PostgresBackend backend = PostgresBackend.create(ds);
                    Upsilon.create(UpsilonConfig.builder().manifest(Manifest.load(manifest,
                                    ScriptBench.class.getClassLoader())).store(backend.store())
                            .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "bench")).nodeId("bench").build())
                            .upgrade();
                });
                String raw = "skipped";
                if (n <= rawMax) {
                    raw = String.format("%.1f", time(() -> {
                        DataSource ds = pg.getDatabase("postgres", database(pg, "raw" + n));
                        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                            c.setAutoCommit(false);
                            s.execute(script);
                            c.commit();
                        }
                    }));
                }
                System.out.printf("| %,d | %.1f | %.1f | %.1f | %.2f | %s |%n", n, script.length() / 1e6, psqlSeconds,
                        oursSeconds, oursSeconds / psqlSeconds, raw);
            }
        }
    }

    /** {@code n} statements: tables, inserts with quotes and semicolons in literals, comments. */
    static String script(int n) {
        StringBuilder s = new StringBuilder("CREATE TABLE t0 (id int, note text);\n");
        for (int i = 1; i < n; i++) {
            if (i % 500 == 0) {
                s.append("CREATE TABLE t").append(i).append(" (id int, note text); -- a new table\n");
            } else {
                s.append("INSERT INTO t").append(i - i % 500).append(" VALUES (").append(i)
                        .append(", 'row; it''s ").append(i).append(" of the bench script, padded to a realistic"
                                + " length for a data migration'); /* c */\n");
            }
        }
        return s.toString();
    }

    private static String database(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
