package io.upsilon.tenant.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.server.UpsilonServer;
import io.upsilon.tenant.TenantGate;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantTaskContext;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Okapi's tenant lifecycle over real HTTP: disable and enable again, the module consulting its data, Okapi's own
 * {@code /_/proxy/tenants/{id}/modules} calls, and a tenant's requests held while its init runs.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OkapiProtocolIT {

    private static final String TOKEN = "okapi-control-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TenantId SLOW = TenantId.parse("slow");

    private final CountDownLatch inTask = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private TestDatabase db;
    private UpsilonNode node;
    private UpsilonServer server;
    private Javalin app;
    private final TenantGate gate = TenantGate.of(Duration.ofSeconds(60));

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        Manifest tenantTasks = Manifest.of("mod-x", List.of(
                TenantServerIT.sql("1.0.0", "create", "CREATE TABLE items (id int PRIMARY KEY, name text);"
                        + " INSERT INTO items SELECT 1, 'sample' WHERE current_setting('upsilon.tenant.param.loadsample',"
                        + " true) = 'true'"),
                TaskDefinition.of(Version.parse("1.0.0"), "slow", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext c) throws Exception {
                        if (((TenantTaskContext) c).tenant().equals(SLOW)) {
                            inTask.countDown();
                            release.await();
                        }
                    }
                }),
                TenantServerIT.sql("2.0.0", "add", "ALTER TABLE items ADD COLUMN price numeric")));
        UpsilonConfig config = UpsilonConfig.builder().manifest(Manifest.of("none", List.of()))
                .softwareVersion(Version.parse("1.0")).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "web")).nodeId("web").build();
        node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed()).build();
        server = UpsilonServer.builder(Upsilon.create(config), node).nodes(backend.nodes())
                .maintenance(backend.maintenance())
                .routes(TenantServerRoutes.of(new PgTenantModule(db.dataSource(), "mod-x", tenantTasks)).gate(gate))
                .controlToken(TOKEN).port(0).build().start();
        // the application's own route, behind the tenant gate
        app = Javalin.create(c -> c.showJavalinBanner = false)
                .before("/items", TenantGateHandler.of(gate))
                .get("/items", ctx -> ctx.result("items of " + ctx.header("X-Okapi-Tenant")))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        app.stop();
        server.close();
        node.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(request(path).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> tenantCall(String tenant, String body) throws Exception {
        return HTTP.send(request("/_/tenant").header("X-Okapi-Tenant", tenant)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> items(String tenant) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/items"))
                .header("X-Okapi-Tenant", tenant).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void disableKeepsTheDataAndTheModuleActsOnWhatItFinds() throws Exception {
        assertThat(tenantCall("diku", "{\"module_to\": \"mod-x-1.0.0\", \"parameters\": [{\"key\": \"loadSample\","
                + " \"value\": \"true\"}]}").statusCode()).isEqualTo(201);
        assertThat(db.queryOne("SELECT name FROM diku_mod_x.items")).as("the parameter reached the SQL task")
                .isEqualTo("sample");
        // disassociation: module_from without module_to
        assertThat(tenantCall("diku", "{\"module_from\": \"mod-x-1.0.0\"}").statusCode()).isEqualTo(204);
        assertThat(db.queryOne("SELECT enabled FROM upsilon_tenant WHERE tenant = 'diku'")).isEqualTo(false);
        assertThat(db.queryOne("SELECT count(*) FROM diku_mod_x.items")).isEqualTo(1L);
        assertThat(tenantCall("nobody", "{\"module_from\": \"mod-x-1.0.0\"}").statusCode()).isEqualTo(404);
        // enabled again with a module_from that disagrees: upgraded from what is stored
        HttpResponse<String> again = tenantCall("diku", "{\"module_from\": \"mod-x-0.5.0\", \"module_to\":"
                + " \"mod-x-2.0.0\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"from\":\"1.0.0\"").contains("\"outcome\":\"UPGRADED\"")
                .contains("module_from 0.5.0 does not match the stored data version 1.0.0")
                .contains("enabled again");
        assertThat(db.queryOne("SELECT count(*) FROM diku_mod_x.items")).isEqualTo(1L);
        assertThat(tenantCall("diku", "{\"module_from\": \"mod-x-1.0.0\", \"module_to\": \"mod-x-2.0.0\"}")
                .statusCode()).as("already there: nothing to do").isEqualTo(204);
        assertThat(tenantCall("diku", "{}").statusCode()).isEqualTo(400);
        // newer Okapi disables with purge: the data goes
        assertThat(tenantCall("diku", "{\"module_from\": \"mod-x-2.0.0\", \"purge\": true}").statusCode())
                .isEqualTo(204);
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace WHERE nspname = 'diku_mod_x'")).isEqualTo(0L);
        assertThat(db.queryOne("SELECT count(*) FROM upsilon_tenant")).isEqualTo(0L);
    }

    @Test
    void okapisSideEnablesUpgradesListsAndDisables() throws Exception {
        HttpResponse<String> enabled = send("POST", "/_/proxy/tenants/diku/modules?tenantParameters=loadSample%3Dtrue",
                "{\"id\": \"mod-x-1.0.0\"}");
        assertThat(enabled.statusCode()).isEqualTo(201);
        assertThat(enabled.headers().firstValue("Location")).contains("/_/proxy/tenants/diku/modules/mod-x-1.0.0");
        assertThat(enabled.body()).contains("\"id\":\"mod-x-1.0.0\"");
        assertThat(db.queryOne("SELECT count(*) FROM diku_mod_x.items")).isEqualTo(1L);
        assertThat(send("GET", "/_/proxy/tenants/diku/modules", "").body()).isEqualTo("[{\"id\":\"mod-x-1.0.0\"}]");
        assertThat(send("GET", "/_/proxy/tenants/diku/modules/mod-x-1.0.0", "").statusCode()).isEqualTo(200);
        HttpResponse<String> twice = send("POST", "/_/proxy/tenants/diku/modules", "{\"id\": \"mod-x-1.0.0\"}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("Module mod-x-1.0.0 already provided");

        HttpResponse<String> upgraded = send("POST", "/_/proxy/tenants/diku/modules/mod-x-1.0.0",
                "{\"id\": \"mod-x-2.0.0\"}");
        assertThat(upgraded.statusCode()).isEqualTo(201);
        assertThat(upgraded.headers().firstValue("Location")).contains("/_/proxy/tenants/diku/modules/mod-x-2.0.0");
        assertThat(db.queryOne("SELECT module_version FROM upsilon_tenant WHERE tenant = 'diku'")).isEqualTo("2.0.0");
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'diku_mod_x'"
                + " AND column_name = 'price'")).isEqualTo(1L);
        assertThat(send("GET", "/_/proxy/tenants/diku/modules/mod-x-1.0.0", "").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/_/proxy/tenants/diku/modules/mod-x-1.0.0", "{\"id\": \"mod-x-2.0.0\"}")
                .statusCode()).as("the old binding is gone").isEqualTo(404);

        assertThat(send("DELETE", "/_/proxy/tenants/diku/modules/mod-x-2.0.0", "").statusCode()).isEqualTo(204);
        assertThat(send("GET", "/_/proxy/tenants/diku/modules", "").body()).isEqualTo("[]");
        assertThat(db.queryOne("SELECT count(*) FROM diku_mod_x.items")).as("disable keeps the data").isEqualTo(1L);
        assertThat(send("DELETE", "/_/proxy/tenants/diku/modules/mod-x-2.0.0", "").statusCode()).isEqualTo(404);
        // enabling again finds the kept data
        assertThat(send("POST", "/_/proxy/tenants/diku/modules", "{\"id\": \"mod-x-2.0.0\"}").statusCode())
                .isEqualTo(201);
        assertThat(db.queryOne("SELECT count(*) FROM diku_mod_x.items")).isEqualTo(1L);

        HttpResponse<String> unknown = send("POST", "/_/proxy/tenants/diku/modules", "{\"id\": \"mod-y-1.0.0\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain"));
        assertThat(send("POST", "/_/proxy/tenants/diku/modules", "not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/_/proxy/tenants/Bad-Id/modules", "{\"id\": \"mod-x-1.0.0\"}").statusCode())
                .isEqualTo(400);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/_/proxy/tenants/diku/modules")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("behind the control token").isEqualTo(401);
    }

    @Test
    void aTenantsRequestsWaitForItsInitAndOtherTenantsDoNot() throws Exception {
        CompletableFuture<HttpResponse<String>> init = HTTP.sendAsync(request("/_/tenant")
                .header("X-Okapi-Tenant", "slow").POST(HttpRequest.BodyPublishers.ofString("{\"module_to\":"
                        + " \"mod-x-1.0.0\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inTask.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.isHeld(SLOW)).isTrue();
        CompletableFuture<HttpResponse<String>> held = items("slow");
        HttpResponse<String> other = items("fast").get(30, TimeUnit.SECONDS);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo("items of fast");
        // the init is still held in its task, so its tenant's request cannot have been answered
        assertThat(held.isDone()).isFalse();
        assertThat(init.isDone()).isFalse();
        release.countDown();
        assertThat(init.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        HttpResponse<String> served = held.get(30, TimeUnit.SECONDS);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo("items of slow");
    }

    @Test
    void aRequestHeldLongerThanTheBoundGets503WithRetryAfter() throws Exception {
        TenantGate zero = TenantGate.of(Duration.ZERO);
        app.before("/zero", TenantGateHandler.of(zero)).get("/zero", ctx -> ctx.result("ok"));
        HttpResponse<String> refused = zero.hold(SLOW, () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/zero"))
                        .header("X-Okapi-Tenant", "slow").build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("tenant slow is being initialised");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/zero"))
                .header("X-Okapi-Tenant", "slow").build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }
}
