package io.upsilon.reliability.secrets;

import io.upsilon.cli.Main;
import io.upsilon.reliability.Tally;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * One pass of the secrets scenario with a fresh canary password on a fresh {@link PasswordServer}: the password is
 * shown to be demanded, the CLI runs as a {@code serve} sidecar, a {@code status} process and the
 * {@link SecretsDriver} (everything else), all at DEBUG; afterwards every table is dumped, the server is stopped and
 * a last call meets a refused connection. Every output line, HTTP body, table row, exception message and process
 * argument vector is searched for the right and the wrong password.
 */
public final class SecretsPass {

    static final Duration PROCESS_LIMIT = Duration.ofSeconds(120);

    private final Tally tally;
    private final Canary password;
    private final Canary wrong;
    private final Leaks leaks;
    private final Workspace workspace;
    private int commands;
    private long lap = System.nanoTime();

    /** A pass in {@code dir}; {@code special} puts shell, URL and JSON special characters into the passwords. */
    public SecretsPass(Tally tally, Path dir, boolean special) {
        this.tally = tally;
        this.password = Canary.random("canary", special);
        this.wrong = Canary.random("wrong", special);
        this.leaks = new Leaks(tally, List.of(password, wrong));
        this.workspace = new Workspace(dir);
    }

    /** Runs the pass; returns the commands it ran. Copies found are counted into {@code leaks}. */
    public int run() throws Exception {
        try (PasswordServer server = PasswordServer.start(password.password());
             ProcessArguments arguments = new ProcessArguments(List.of(password, wrong))) {
            passwordIsDemanded(server);
            seed(server);
            workspace.write(server, password.password(), wrong.password());
            Map<String, String> env = Map.of(Main.PASSWORD_ENV, password.password(),
                    Workspace.SOURCE_ENV, password.password(), Workspace.TARGET_ENV, password.password(),
                    Workspace.WRONG_ENV, wrong.password());
            List<Jvm> processes = new ArrayList<>();
            lap("server");
            commands += new Sidecar(tally, leaks, workspace).run(server, env, processes);
            lap("serve and status");
            driver(server, env, processes);
            lap("driver");
            arguments.close();
            tally.check(arguments.controlFound(), "the control process's canary was not found by the"
                    + " process-argument scan: the scan cannot see leaks");
            for (Jvm p : processes) {
                keep(p);
                tally.check(arguments.saw(p.pid()), "the arguments of " + p.name() + " (pid " + p.pid()
                        + ") were never read: the process-argument check did not cover it");
                leaks.search(Leaks.LOGS, p.name(), p.lines());
            }
            arguments.leaks().forEach((process, copies) -> leaks.count(Leaks.ARGUMENTS, "ps", process, copies));
            tables(server);
        }
        lap("tables");
        refusedConnection();
        lap("stopped server");
        String exceptions = Files.readString(workspace.exceptions());
        tally.check(exceptions.contains("password authentication failed") && exceptions.contains("FailingTask")
                && exceptions.contains("Connection to localhost"), "the library calls did not record the refused"
                + " password, the failing task and the stopped server: their messages were not searched");
        leaks.search(Leaks.EXCEPTIONS, "library calls", exceptions);
        return commands;
    }

    /**
     * Writes what {@code process} printed, canaries masked, beside the results file (or into the pass directory),
     * so a failed pass can be read afterwards.
     */
    private void keep(Jvm process) throws IOException {
        String out = System.getProperty(Tally.OUT_PROPERTY);
        Path dir = out == null || out.isBlank() ? workspace.dir()
                : Path.of(out).toAbsolutePath().getParent().resolve("secrets");
        Files.createDirectories(dir);
        Files.write(dir.resolve(workspace.dir().getFileName() + "-" + process.name() + ".log"),
                process.lines().stream().map(leaks::mask).toList());
    }

    /** Prints how long the stage that just ended took: a figure for whoever tunes the scenario, never asserted. */
    private void lap(String stage) {
        long now = System.nanoTime();
        System.out.printf("secrets: %s took %d ms%n", stage, (now - lap) / 1_000_000);
        lap = now;
    }

    public Leaks leaks() {
        return leaks;
    }

    /** No password and a wrong one are refused by the server (the right one is let in by {@link #seed}). */
    private void passwordIsDemanded(PasswordServer server) {
        for (String attempt : new String[] {null, wrong.password()}) {
            try (Connection c = server.dataSource(PasswordServer.APP, attempt).getConnection()) {
                tally.violation("the server let " + PasswordServer.ROLE + " in with "
                        + (attempt == null ? "no password" : "a wrong password") + ": the scenario proves nothing");
            } catch (SQLException e) {
                tally.check(String.valueOf(e.getMessage()).contains("password authentication failed")
                        || String.valueOf(e.getMessage()).contains("no password"),
                        "the server refused a login for another reason than the password: " + leaks.mask(
                                String.valueOf(e.getMessage())));
                leaks.search(Leaks.EXCEPTIONS, "JDBC login refused", String.valueOf(e));
            }
        }
    }

    /** The migration's source table (100 rows) and its empty target, created by the role itself. */
    private void seed(PasswordServer server) throws SQLException {
        String table = "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL)";
        try (Connection c = server.dataSource(PasswordServer.SOURCE, password.password()).getConnection();
             Statement s = c.createStatement()) {
            s.execute(table);
            s.execute("CREATE INDEX ON items (updated_at, id)");
            s.execute("INSERT INTO items SELECT g, 'item ' || g, timestamptz '2026-01-01' + g * interval '1 s'"
                    + " FROM generate_series(1, 100) g");
        }
        try (Connection c = server.dataSource(PasswordServer.TARGET, password.password()).getConnection();
             Statement s = c.createStatement()) {
            s.execute(table);
        }
    }

    /** Everything else, in one JVM; its VIOLATION lines are the commands that missed their path. */
    private void driver(PasswordServer server, Map<String, String> env, List<Jvm> processes) throws Exception {
        try (Jvm driver = Jvm.start("driver", SecretsDriver.class, env, workspace.dir().toString(),
                Integer.toString(server.port()))) {
            processes.add(driver);
            Optional<Integer> exit = driver.waitFor(PROCESS_LIMIT);
            List<String> lines = driver.lines();
            tally.check(exit.equals(Optional.of(0)), "the driver exited with " + exit + "; its last lines:\n"
                    + leaks.mask(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()))));
            tally.check(lines.stream().anyMatch(l -> l.startsWith("DEBUG ")), "the driver logged nothing at DEBUG:"
                    + " the scenario did not run at the level it claims");
            for (String line : lines) {
                if (line.startsWith("VIOLATION ")) {
                    tally.violation(leaks.mask(line.substring("VIOLATION ".length())));
                } else if (line.startsWith("COMMANDS ")) {
                    commands += Integer.parseInt(line.split(" ")[1]);
                }
            }
        }
    }

    /** Every row of the three databases, read back as the superuser; the error rows must be among them. */
    private void tables(PasswordServer server) throws SQLException {
        try (Connection c = server.admin(PasswordServer.APP).getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT string_agg(t::text, ' ') FROM "
                     + Workspace.QUARANTINE + ".upsilon_history t")) {
            rs.next();
            String history = rs.getString(1);
            // the task quoted the password in its error; the CLI's redact must have masked it before it was stored
            tally.check(history != null && history.contains("FAILED") && history.contains("********"),
                    "the quoting task left no masked FAILED history row: the masking was not put to the test");
            tally.check(history == null || password.count(history) == 0,
                    "the quoting task's history row stores the password");
        }
        List<String> rows = new ArrayList<>();
        for (String db : List.of(PasswordServer.APP, PasswordServer.SOURCE, PasswordServer.TARGET)) {
            // the quarantine schema holds what QuotingTask wrote itself: the password, put there on purpose
            rows.addAll(server.dumpRows(db, Workspace.QUARANTINE));
        }
        tally.check(rows.stream().anyMatch(r -> r.contains("upsilon_history") && r.contains("FAILED")),
                "no FAILED history row: the failing upgrades did not leave their error where it was searched");
        tally.check(rows.stream().anyMatch(r -> r.contains("upsilon_tenant") && r.contains("FAILED")),
                "no FAILED tenant registry row to search");
        tally.check(rows.stream().anyMatch(r -> r.contains("upsilon_node")), "no node record to search");
        for (String row : rows) {
            leaks.search(Leaks.ROWS, row.substring(0, row.indexOf(':')), row);
        }
    }

    /** With the server gone: the library and the CLI (password from --config) meet a refused connection. */
    private void refusedConnection() throws Exception {
        int port = Integer.parseInt(Files.readString(workspace.spec()).replaceAll("(?s).*localhost:(\\d+)/.*", "$1"));
        ApiProbes api = new ApiProbes(workspace, port);
        try {
            api.upsilon(api.dataSource(password.password()), "api-refused").upgrade();
            tally.violation("an upgrade succeeded with the server stopped");
        } catch (RuntimeException e) {
            api.record("Upsilon.upgrade, server stopped", e);
        }
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("status", "--json", "--url", PasswordServer.url(port, PasswordServer.APP), "--manifest",
                        workspace.manifest().toString(), "--config", workspace.config().toString(),
                        "--connect-timeout", "0"); // the refusal at once, not after 30 s of retries
        commands++;
        tally.check(exit != 0, "status succeeded with the server stopped");
        leaks.search(Leaks.LOGS, "status with the server stopped", out.toString());
    }
}
