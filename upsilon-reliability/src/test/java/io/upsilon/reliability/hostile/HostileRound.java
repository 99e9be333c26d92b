package io.upsilon.reliability.hostile;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.reliability.Tally;
import io.upsilon.testsupport.HostileSql;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Pattern;

/** One round of the hostile-input scenario: one variant of each of items 1, 2, 4, 5 and 6 of issue 13. */
public final class HostileRound {

    /** A mask that touches a letter or digit tells the rest of the word it was cut from ({@code ********ql}). */
    private static final Pattern REVEALING_MASK = Pattern.compile("[\\p{L}\\p{N}_]\\*{8}|\\*{8}[\\p{L}\\p{N}_]");
    private static final List<String> UNTERMINATED = List.of("SELECT 'open", "SELECT $t$ never closed",
            "SELECT 1 /* open /* nested */", "SELECT \"open", "SELECT E'escaped quote \\'");
    private static final int OUTPUT_LIMIT = 2_000;

    /** What the rounds covered, for the scenario's figures. */
    public static final class Counts {
        int transactionControl;
        int yaml;
        int statements;
        int passwords;
        int unbounded;

        public void report(Tally t) {
            t.figure("transaction-control scripts", transactionControl);
            t.figure("YAML files", yaml);
            t.figure("hostile statements", statements);
            t.figure("passwords", passwords);
            t.figure("unbounded inputs", unbounded);
        }
    }

    private final Tally t;
    private final Random random;
    private final Path dir;
    private final Counts counts;

    public HostileRound(Tally t, Random random, Path dir, Counts counts) {
        this.t = t;
        this.random = random;
        this.dir = dir;
        this.counts = counts;
    }

    public void run() throws Exception {
        Files.createDirectories(dir);
        transactionControl();
        yaml();
        splitter();
        masking(false);
        masking(true);
        unbounded();
    }

    private Path manifest(String name, String tasks, String... files) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(folder.resolve(files[i]), files[i + 1]);
        }
        return Files.writeString(folder.resolve("upsilon.tasks"), tasks);
    }

    /** Item 1: nothing of a transactional script that ends its own transaction stays. */
    private void transactionControl() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        TransactionControlVariants.Variant v = new TransactionControlVariants(random).next();
        Path m = manifest("tc", "1.0\n  - bad.sql\n", "bad.sql", v.script());
        Cli run = Cli.run("upgrade", "--url", db.jdbcUrl(), "--manifest", m.toString());
        t.run();
        counts.transactionControl++;
        Object left = db.queryOne("SELECT count(*) FROM pg_class WHERE relname LIKE 'h\\_%'");
        t.check(Long.valueOf(0).equals(left), "transaction control: " + left + " table(s) of a failed transactional"
                + " script stayed committed; script:\n" + v.script());
        int expected = v.refused() ? 2 : 1;
        t.check(run.exitCode() == expected, "transaction control: exit " + run.exitCode() + ", expected " + expected
                + " (" + run.shown() + "); script:\n" + v.script());
    }

    /** Item 2: an alias or a nested list is refused, never read as data. */
    private void yaml() throws Exception {
        YamlVariants variants = new YamlVariants(random);
        YamlVariants.Spec spec = variants.spec();
        Path file = Files.writeString(dir.resolve("spec.yaml"), spec.text());
        t.run();
        counts.yaml++;
        try {
            MigrationSpec read = MigrationSpec.load(file);
            t.violation("YAML: spec accepted" + (read.toString().contains(spec.anchor()) ? " with the anchor's name"
                    + " as data" : "") + ":\n" + spec.text());
        } catch (UpsilonException e) {
            t.check(e.code() == ErrorCode.BAD_INPUT && !e.getMessage().contains("\n")
                    && !e.getMessage().contains("io.upsilon"), "YAML: spec refused badly: " + e.getMessage());
        }
        Path releases = Files.writeString(dir.resolve("releases.yaml"), variants.releases());
        Cli run = Cli.run("path", "--releases", releases.toString(), "--from", "1.0.0", "--to", "1.1.0");
        t.run();
        counts.yaml++;
        t.check(run.exitCode() == 2 && run.output().contains("alias"), "YAML: release file with an alias: exit "
                + run.exitCode() + " (" + run.shown() + ")");
    }

    /** Item 4: hostile statements all run, each once; a script that cannot be cut runs nothing. */
    private void splitter() throws Exception {
        HostileSql sql = new HostileSql(random.nextLong());
        int k = 3 + random.nextInt(10);
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            statements.add(sql.statement());
            statements.add("INSERT INTO hs_log VALUES (" + i + ")");
        }
        counts.statements += k;
        String script = "-- upsilon:non-transactional\nCREATE TABLE hs_log (i int);\n" + sql.script(statements);
        TestDatabase db = PostgresFixture.newDatabase();
        Cli run = Cli.run("upgrade", "--url", db.jdbcUrl(), "--manifest",
                manifest("split", "1.0\n  - s.sql\n", "s.sql", script).toString());
        t.run();
        Object logged = run.exitCode() == 0 ? db.queryOne("SELECT count(DISTINCT i) FROM hs_log") : null;
        t.check(run.exitCode() == 0 && Long.valueOf(k).equals(logged), "splitter: exit " + run.exitCode() + ", "
                + logged + " of " + k + " markers (" + run.shown() + "); script:\n" + script);

        TestDatabase other = PostgresFixture.newDatabase();
        String broken = script + "\n" + UNTERMINATED.get(random.nextInt(UNTERMINATED.size()));
        Cli refused = Cli.run("upgrade", "--url", other.jdbcUrl(), "--manifest",
                manifest("broken", "1.0\n  - b.sql\n", "b.sql", broken).toString());
        t.run();
        t.check(refused.exitCode() == 2 && other.queryOne("SELECT to_regclass('hs_log')") == null,
                "splitter: a script that cannot be cut: exit " + refused.exitCode() + ", ran "
                        + (other.queryOne("SELECT to_regclass('hs_log')") != null ? "some" : "none") + " of it");
    }

    /** Item 5: a password PostgreSQL echoes is masked in output and history, and no mask tells what it hides. */
    private void masking(boolean strong) throws Exception {
        PasswordVariants variants = new PasswordVariants(random);
        PasswordVariants.Password password = variants.password(strong);
        counts.passwords++;
        Properties properties = new Properties();
        properties.setProperty("password", password.value());
        Path config = dir.resolve("upsilon.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, null);
        }
        TestDatabase db = PostgresFixture.newDatabase();
        Path m = manifest("mask", "1.0\n  - f.sql\n", "f.sql", variants.failingStatement(password.value()));
        String url = db.jdbcUrl();
        Cli upgrade = Cli.run("upgrade", "--url", url, "--config", config.toString(), "--manifest", m.toString());
        Cli history = Cli.run("history", "--json", "--url", url, "--config", config.toString());
        Object rows = db.queryOne("SELECT string_agg(error, ' | ') FROM upsilon_history");
        String[] places = {"upgrade output", upgrade.output(), "history --json", history.output(), "history rows",
                String.valueOf(rows)};
        for (int i = 0; i < places.length; i += 2) {
            String text = places[i + 1];
            t.run();
            if (password.strong()) {
                t.check(!text.contains(password.value()) && !text.contains(password.value().substring(0, 12)),
                        "masking: the password is in the " + places[i]);
            }
            // a long random password may be masked inside a word: the rest of the word tells nothing
            t.check(strong || !REVEALING_MASK.matcher(text).find(), "masking: a mask in the " + places[i] + " touches a word,"
                    + " telling what it hides: " + text.replace(password.value(), "<PASSWORD>"));
        }
        t.check(upgrade.exitCode() == 1, "masking: the failing task exited " + upgrade.exitCode());
    }

    /** Item 6: endless or huge inputs end in exit 2 with a short message, never in an OutOfMemoryError. */
    private void unbounded() throws Exception {
        counts.unbounded++;
        Path zero = Path.of("/dev/zero");
        String kind;
        Cli run;
        switch (random.nextInt(4)) {
            case 0 -> {
                kind = "manifest of 5 MB";
                Path big = dir.resolve("big.tasks");
                Files.writeString(big, ("1.0\n  - " + "x".repeat(1_000) + ".sql\n").repeat(5_000));
                run = Cli.run("status", "--manifest", big.toString(), "--url", PostgresFixture.newDatabase().jdbcUrl());
            }
            case 1 -> {
                kind = "huge task name";
                Path m = manifest("huge", "1.0\n  - " + "n".repeat(300_000 + random.nextInt(2_000_000)) + "\n");
                run = Cli.run("status", "--manifest", m.toString(), "--url", PostgresFixture.newDatabase().jdbcUrl());
            }
            case 2 -> {
                kind = "endless release file";
                Path source = Files.isReadable(zero) ? zero
                        : Files.writeString(dir.resolve("r.yaml"), "x".repeat(5 << 20));
                run = Cli.run("path", "--releases", source.toString(), "--from", "1.0.0", "--to", "1.1.0");
            }
            default -> {
                kind = "endless manifest";
                Path source = Files.isReadable(zero) ? zero
                        : Files.writeString(dir.resolve("z.tasks"), "0".repeat(5 << 20));
                run = Cli.run("status", "--manifest", source.toString(), "--url",
                        PostgresFixture.newDatabase().jdbcUrl());
            }
        }
        t.run();
        t.check(run.exitCode() == 2 && run.output().length() < OUTPUT_LIMIT, "unbounded input (" + kind + "): exit "
                + run.exitCode() + ", " + run.output().length() + " characters of output: " + run.shown());
    }
}
