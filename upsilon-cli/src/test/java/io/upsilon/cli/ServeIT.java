package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.config.ControlToken;
import io.upsilon.config.Secrets;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}: a node with probes over real HTTP, run in-process on a background thread and stopped by interrupt. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeIT {

    private static final String TOKEN = "ctl-7f3a9c0e5b2d4e61a8";
    private static final String PASSWORD = "db-pw-90210-xyz";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LISTENING = Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private Thread serve;

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.interrupt();
            serve.join(20_000);
        }
    }

    private void start(Map<String, String> env, String... args) {
        serve = new Thread(() -> exitCode.set(new CommandLine(new Main(env))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args)), "serve-it");
        serve.start();
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(out.toString());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertThat(serve.isAlive()).as("serve ended early:\n" + out + err).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("serve never listened:\n" + out + err);
    }

    /**
     * The {@code application_name} of the session of the node's next heartbeat (every 5 s): a serving node holds no
     * session of its own between statements, so the test holds its node row locked, and the heartbeat's update waits
     * for the lock where {@code pg_stat_activity} shows it.
     */
    private static String heartbeatSessionTag(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource("serve-it").getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1 FROM upsilon_node WHERE node_id = 'sidecar-1' FOR UPDATE");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT application_name FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%'")) {
                while (true) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_stat_clear_snapshot()");
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return rs.getString(1);
                        }
                    }
                    Thread.sleep(50);
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int awaitStatus(int port, String path, int wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status;
        do {
            status = get(port, path).statusCode();
            if (status == wanted) {
                return status;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return status;
    }

    @Test
    void upgradesBecomesReadyAnswersTheProbesAndNeverPrintsTheToken() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        String manifest = Manifests.twoVersions(tmp).toString();
        start(Map.of(ControlToken.ENV, TOKEN, Main.PASSWORD_ENV, PASSWORD), "serve", "--url", db.jdbcUrl(),
                "--manifest", manifest, "--node-id", "sidecar-1", "--port", "0");

        int port = awaitPort();

        assertThat(awaitStatus(port, "/health/ready", 200)).as(out + "" + err).isEqualTo(200);
        HttpResponse<String> up = get(port, "/health/up");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"READY\"", "\"1.1\"");
        assertThat(out.toString()).contains("as node sidecar-1", "software version 1.1",
                "control endpoints enabled (token from $" + ControlToken.ENV + ")", "Node sidecar-1: READY");
        assertThat(db.queryOne("SELECT to_regclass('items')")).as("serve upgraded the data").isNotNull();

        // the token reached the server: a control call with it is accepted
        HttpResponse<String> control = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/maintenance")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"exit\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(control.statusCode()).as(control.body()).isEqualTo(200);

        JsonNode nodes = Cli.run("nodes", "--json", "--url", db.jdbcUrl()).json().get("nodes");
        assertThat(nodes).hasSize(1);
        assertThat(nodes.at("/0/nodeId").asText()).isEqualTo("sidecar-1");
        // the table shows the state of the node's last heartbeat (every 5 s), so it may still say UP
        assertThat(nodes.at("/0/state").asText()).isIn("UP", "UPGRADING", "READY");
        assertThat(nodes.at("/0/softwareVersion").asText()).isEqualTo("1.1");
        assertThat(db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'upsilon-listen:"
                + ProcessHandle.current().pid() + "'")).as("the process's shared listening session").isEqualTo(1L);
        assertThat(heartbeatSessionTag(db)).as("the node's own sessions carry its tag").isEqualTo("upsilon:sidecar-1");

        serve.interrupt();
        serve.join(20_000);

        assertThat(serve.isAlive()).isFalse();
        assertThat(exitCode.get()).as(out + "" + err).isZero();
        assertThat(out + "" + err).doesNotContain(TOKEN, PASSWORD);
        assertThat(Cli.run("nodes", "--json", "--url", db.jdbcUrl()).json().get("nodes"))
                .as("a stopped node leaves the node table").isEmpty();
    }

    @Test
    void aTaskErrorThatQuotesThePasswordIsMaskedInStatus() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        // PostgreSQL echoes the bad value back: invalid input syntax for type integer: "<password>"
        String manifest = Manifests.in(tmp).file("upsilon.tasks", "1.0\n  - sql/1.0/bad.sql\n")
                .file("sql/1.0/bad.sql", "SELECT '" + PASSWORD + "'::int;").write().toString();
        start(Map.of(Main.PASSWORD_ENV, PASSWORD), "serve", "--url", db.jdbcUrl(), "--manifest", manifest,
                "--node-id", "sidecar-3", "--port", "0");
        int port = awaitPort();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String status;
        do {
            status = get(port, "/status").body();
            Thread.sleep(50);
        } while (!status.contains("FAILED") && System.nanoTime() < deadline);

        assertThat(status).as("the failed task is listed").contains("FAILED", "invalid input syntax")
                .doesNotContain(PASSWORD).contains(Secrets.MASK);
        assertThat(db.queryOne("SELECT count(*) FROM upsilon_history WHERE status = 'FAILED' AND error LIKE '%"
                + Secrets.MASK + "%' AND error NOT LIKE '%" + PASSWORD + "%'"))
                .as("the history row is stored masked").isEqualTo(1L);
    }

    @Test
    void jsonModePrintsOneDocumentAndControlIsDisabledWithoutAToken() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        String manifest = Manifests.twoVersions(tmp).toString();
        start(Map.of(), "serve", "--json", "--url", db.jdbcUrl(), "--manifest", manifest, "--node-id", "sidecar-2",
                "--port", "0", "--software-version", "1.0");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString().contains("}") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JsonNode listening = new Cli.Run(0, out.toString(), "").json();
        int port = URI.create(listening.get("url").asText()).getPort();
        assertThat(listening.get("nodeId").asText()).isEqualTo("sidecar-2");
        assertThat(listening.get("softwareVersion").asText()).isEqualTo("1.0");
        assertThat(listening.get("controlEndpoints").asBoolean()).isFalse();

        assertThat(awaitStatus(port, "/health/ready", 200)).isEqualTo(200);
        assertThat(get(port, "/health/ready").body()).contains("\"1.0\"");
        HttpResponse<String> control = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/fence")).POST(HttpRequest.BodyPublishers.ofString("{\"below\": \"9\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(control.statusCode()).isEqualTo(404);

        serve.interrupt();
        serve.join(20_000);
        assertThat(exitCode.get()).isZero();
        new Cli.Run(0, out.toString(), "").json(); // still exactly one JSON document: no state lines
    }
}
