package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.config.ControlToken;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The tenant lifecycle from the command line: disable and enable again, the canary check, parallel runs, and
 * {@code serve --tenant-module} answering both sides of Okapi's protocol.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TenantLifecycleCliIT {

    private static final String TOKEN = "tenant-cli-token-5e1f9a";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LISTENING = Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path tmp;

    private TestDatabase db;
    private String manifest;
    private Thread serve;
    private final StringWriter serveOut = new StringWriter();

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        // 1.0.0 loads a sample row only when the tenant asks for it; 2.0.0 has a rollback, 3.0.0 has none
        manifest = Manifests.in(tmp.resolve("mod-x"))
                .file("upsilon.tasks", "1.0.0\n  - sql/1.0.0/create.sql\n2.0.0\n  - sql/2.0.0/add.sql\n"
                        + "3.0.0\n  - sql/3.0.0/not_null.sql\n")
                .file("sql/1.0.0/create.sql", "CREATE TABLE items (id int PRIMARY KEY, price numeric);"
                        + " INSERT INTO items SELECT 1, 10"
                        + " WHERE current_setting('upsilon.tenant.param.loadsample', true) = 'true';")
                .file("sql/1.0.0/create.undo.sql", "DROP TABLE items;")
                .file("sql/2.0.0/add.sql", "ALTER TABLE items ADD COLUMN name text;")
                .file("sql/2.0.0/add.undo.sql", "ALTER TABLE items DROP COLUMN name;")
                .file("sql/3.0.0/not_null.sql", "ALTER TABLE items ALTER COLUMN price SET NOT NULL;")
                .write().toString();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.interrupt();
            serve.join(20_000);
        }
    }

    private Cli.Run tenant(String... args) {
        List<String> all = new ArrayList<>(List.of("tenant"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl()));
        if (args[0].equals("install") || args[0].equals("upgrade")) { // the actions that run tasks
            all.addAll(List.of("--manifest", manifest));
        }
        return Cli.run(all.toArray(String[]::new));
    }

    private void install(String... tenants) {
        for (String t : tenants) {
            Cli.Run run = tenant("install", "--tenant", t, "--module", "mod-x", "--to", "1.0.0");
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    private Object version(String tenant) {
        return db.queryOne("SELECT module_version FROM upsilon_tenant WHERE tenant = '" + tenant + "'");
    }

    @Test
    void disableKeepsTheDataAndInstallEnablesItAgainFromTheKeptVersion() {
        install("acme");
        db.execute("INSERT INTO acme_mod_x.items VALUES (7, 70)");
        Cli.Run disabled = tenant("disable", "--tenant", "acme", "--module", "mod-x");
        assertThat(disabled.exitCode()).as(disabled.toString()).isZero();
        assertThat(disabled.out()).contains("Disabled mod-x for tenant acme; its data is kept at 1.0.0.");
        Cli.Run list = tenant("list", "--module", "mod-x");
        assertThat(list.out()).contains("acme    mod-x   1.0.0    disabled");
        assertThat(tenant("list", "--json").json().at("/tenants/0/enabled").asBoolean()).isFalse();
        assertThat(db.queryOne("SELECT count(*) FROM acme_mod_x.items")).isEqualTo(1L);

        Cli.Run upgrade = tenant("upgrade", "--module", "mod-x", "--to", "2.0.0");
        assertThat(upgrade.out()).as("a disabled tenant is left alone").contains("No tenant has mod-x installed");
        assertThat(version("acme")).isEqualTo("1.0.0");

        Cli.Run again = tenant("install", "--tenant", "acme", "--module", "mod-x", "--to", "2.0.0");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("UPGRADED: tenant acme's mod-x 1.0.0 -> 2.0.0",
                "Note: enabled again (it was disabled at 1.0.0, data kept).");
        assertThat(db.queryOne("SELECT count(*) FROM acme_mod_x.items")).isEqualTo(1L);

        Cli.Run nothing = tenant("disable", "--tenant", "nobody", "--module", "mod-x");
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).contains("Nothing to disable: tenant nobody has no mod-x data.");
        Cli.Run bad = tenant("disable", "--tenant", "Bad!", "--module", "mod-x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("invalid tenant id");
    }

    @Test
    void aFailingCanaryCheckRollsTheCanaryBackAndStopsTheRun() throws Exception {
        install("t1", "t2", "t3");
        Path seen = tmp.resolve("seen.txt");
        Cli.Run passed = tenant("upgrade", "--module", "mod-x", "--to", "2.0.0", "--canary", "t2",
                "--canary-check", "echo \"$UPSILON_TENANT $UPSILON_MODULE_FROM $UPSILON_MODULE_TO\" > '" + seen + "'");
        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        assertThat(Files.readString(seen).strip()).isEqualTo("t2 mod-x-1.0.0 mod-x-2.0.0");
        assertThat(passed.out()).contains("Summary: 3 upgraded.");

        Cli.Run failed = tenant("upgrade", "--module", "mod-x", "--to", "1.0.0", "--canary", "t2",
                "--canary-check", "echo 'smoke: GET /items answered 500'; exit 4");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).startsWith("upsilon: the canary check of tenant t2 failed after its upgrade to"
                + " 1.0.0: the check command exited with 4 (smoke: GET /items answered 500); it was rolled back to"
                + " 2.0.0; no other tenant was touched (2 skipped)");
        assertThat(List.of(version("t1"), version("t2"), version("t3"))).containsOnly("2.0.0");

        // 3.0.0's task has no rollback: the canary stays, and the error says so
        JsonNode stuck = tenant("upgrade", "--module", "mod-x", "--to", "3.0.0", "--canary", "t1", "--json",
                "--canary-check", "exit 1").json();
        assertThat(stuck.at("/error/code").asText()).isEqualTo("CANARY_CHECK_FAILED");
        assertThat(stuck.at("/error/message").asText()).contains("could not be rolled back")
                .contains("has no rollback").contains("stays at 3.0.0 with its check failed");
        assertThat(stuck.at("/canaryFailure/restored").asBoolean()).isFalse();
        assertThat(stuck.at("/canaryFailure/checkFailed").asBoolean()).isTrue();
        assertThat(stuck.at("/canaryFailure/tenant").asText()).isEqualTo("t1");
        assertThat(stuck.get("canary").asText()).isEqualTo("t1");
        assertThat(stuck.get("skipped")).extracting(JsonNode::asText).containsExactly("t2", "t3");
        assertThat(stuck.at("/canaryFailure/rollback/outcome").asText()).isEqualTo("REJECTED");
        assertThat(version("t1")).isEqualTo("3.0.0");
        assertThat(version("t3")).isEqualTo("2.0.0");

        Cli.Run noCanary = tenant("upgrade", "--module", "mod-x", "--to", "2.0.0", "--canary-check", "true");
        assertThat(noCanary.exitCode()).isEqualTo(2);
        assertThat(noCanary.err()).contains("--canary-check needs --canary TENANT");
    }

    @Test
    void parallelUpgradesEveryTenantCanaryFirstAndShowsPlainProgressOffATerminal() {
        String[] tenants = {"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"};
        install(tenants);
        Cli.Run run = tenant("upgrade", "--module", "mod-x", "--to", "2.0.0", "--canary", "a5", "--parallel", "4");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Summary: 8 upgraded.");
        List<String> starts = run.out().lines().filter(l -> l.startsWith("-> ")).toList();
        assertThat(starts).hasSize(8).first().isEqualTo("-> a5 1.0.0");
        for (String t : tenants) {
            assertThat(version(t)).isEqualTo("2.0.0");
        }
        Cli.Run zero = tenant("upgrade", "--module", "mod-x", "--to", "2.0.0", "--parallel", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--parallel must be at least 1");
    }

    private HttpResponse<String> http(int port, String method, String path, String tenant, String body)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json");
        if (tenant != null) {
            r.header("X-Okapi-Tenant", tenant);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serveAnswersBothSidesOfOkapisProtocolForAModuleGivenAsSql() throws Exception {
        String node = Manifests.twoVersions(tmp.resolve("node")).toString();
        serve = new Thread(() -> new CommandLine(new Main(Map.of(ControlToken.ENV, TOKEN)))
                .setOut(new PrintWriter(serveOut, true)).setErr(new PrintWriter(serveOut, true))
                .execute("serve", "--url", db.jdbcUrl(), "--manifest", node, "--port", "0", "--node-id", "side-1",
                        "--tenant-module", "mod-x", "--tenant-manifest", manifest), "serve-tenants");
        serve.start();
        int port = awaitPort();
        assertThat(serveOut.toString()).contains("tenant protocol for mod-x");

        HttpResponse<String> enabled = http(port, "POST", "/_/proxy/tenants/diku/modules"
                + "?tenantParameters=loadSample%3Dtrue", null, "{\"id\": \"mod-x-1.0.0\"}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(201);
        assertThat(enabled.headers().firstValue("Location")).contains("/_/proxy/tenants/diku/modules/mod-x-1.0.0");
        assertThat(db.queryOne("SELECT count(*) FROM diku_mod_x.items")).isEqualTo(1L);
        HttpResponse<String> swapped = http(port, "POST", "/_/proxy/tenants/diku/modules/mod-x-1.0.0", null,
                "{\"id\": \"mod-x-2.0.0\"}");
        assertThat(swapped.statusCode()).isEqualTo(201);
        assertThat(http(port, "GET", "/_/proxy/tenants/diku/modules", null, "").body())
                .isEqualTo("[{\"id\":\"mod-x-2.0.0\"}]");
        // the module's side, as Okapi calls it
        HttpResponse<String> moduleSide = http(port, "POST", "/_/tenant", "other", "{\"module_to\": \"mod-x-2.0.0\"}");
        assertThat(moduleSide.statusCode()).isEqualTo(201);
        assertThat(http(port, "POST", "/_/tenant", "other", "{\"module_from\": \"mod-x-2.0.0\"}").statusCode())
                .isEqualTo(204);
        Cli.Run list = Cli.run("tenant", "list", "--json", "--url", db.jdbcUrl());
        assertThat(list.json().get("tenants").toString()).contains("\"tenant\":\"diku\"", "\"enabled\":true",
                "\"tenant\":\"other\"", "\"enabled\":false");

        Cli.Run half = Cli.run(Map.of(ControlToken.ENV, TOKEN), "serve", "--url", db.jdbcUrl(), "--manifest", node,
                "--tenant-module", "mod-x");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("--tenant-module needs --tenant-manifest PATH");
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(serveOut.toString());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertThat(serve.isAlive()).as("serve ended early:\n" + serveOut).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("serve never listened:\n" + serveOut);
    }
}
