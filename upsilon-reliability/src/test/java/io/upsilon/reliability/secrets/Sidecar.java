package io.upsilon.reliability.secrets;

import io.upsilon.cli.Main;
import io.upsilon.reliability.Tally;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sidecar stage of a pass: a {@code serve} process (a real {@code main}, so its arguments are what an
 * operator's would be) upgrades to 1.0 and answers its probes, loses all its database sessions and recovers, while
 * a {@code status --json} process runs beside it; then the sidecar gets SIGTERM. The HTTP answers are searched
 * here; the processes' output and arguments by the pass.
 */
final class Sidecar {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration PROCESS_LIMIT = SecretsPass.PROCESS_LIMIT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Tally tally;
    private final Leaks leaks;
    private final Workspace workspace;

    Sidecar(Tally tally, Leaks leaks, Workspace workspace) {
        this.tally = tally;
        this.leaks = leaks;
        this.workspace = workspace;
    }

    /** Runs the stage; returns the commands it ran. */
    int run(PasswordServer server, Map<String, String> env, List<Jvm> processes) throws Exception {
        int commands = 0;
        String url = server.url(PasswordServer.APP);
        String manifest = workspace.manifest().toString();
        try (Jvm serve = Jvm.start("serve", Main.class, env, "serve", "--url", url, "--manifest", manifest,
                "--software-version", "1.0", "--port", "0", "--node-id", "sidecar");
             Jvm status = Jvm.start("status", Main.class, env, "status", "--json", "--url", url, "--manifest",
                     manifest)) {
            processes.add(serve);
            processes.add(status);
            commands = 2;
            Optional<String> listening = serve.awaitLine("Listening on ", PROCESS_LIMIT);
            Matcher m = LISTENING.matcher(listening.orElse(""));
            if (!m.find()) {
                List<String> lines = serve.lines();
                tally.violation("serve never said where it listens; its last lines:\n" + leaks.mask(String.join("\n",
                        lines.subList(Math.max(0, lines.size() - 25), lines.size()))));
            } else {
                int port = Integer.parseInt(m.group(1));
                tally.check(awaitReady(port), "serve never became ready");
                // the sidecar loses every connection mid-run (its own sessions, and the process's shared LISTEN
                // session, tagged upsilon-listen:PID: a READY node may hold nothing else) and must report it, and
                // recover, without the password
                tally.check(terminateSessions(server, "upsilon:sidecar", "upsilon-listen:%") > 0,
                        "the sidecar had no session to end");
                Optional<Integer> exit = status.waitFor(PROCESS_LIMIT);
                tally.check(exit.equals(Optional.of(0)), "status --json exited with " + exit);
                tally.check(awaitReady(port), "serve did not recover its readiness after losing its sessions");
                for (String path : List.of("/health/up", "/health/ready", "/status")) {
                    leaks.search(Leaks.LOGS, "serve GET " + path, get(port, path).body());
                }
            }
            serve.terminate();
            tally.check(serve.waitFor(PROCESS_LIMIT).isPresent(), "serve did not stop on SIGTERM");
        }
        return commands;
    }

    /** Ends the sessions whose application name matches one of the {@code LIKE} patterns; returns how many. */
    private static int terminateSessions(PasswordServer server, String... applicationNames) throws SQLException {
        try (Connection c = server.admin(PasswordServer.APP).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE"
                     + " pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", applicationNames));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static boolean awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + PROCESS_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (get(port, "/health/ready").statusCode() == 200) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
