package io.upsilon.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Manifest;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Careless and hostile requests to the control and tenant endpoints (issue 13, items 6 and 8). */
class HostileRequestsIT {

    private static final String TOKEN = "hostile-control-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestDatabase db;
    private UpsilonNode node;
    private UpsilonServer server;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        Manifest tenantTasks = Manifest.of("mod-x", List.of(
                TenantServerIT.sql("1.0.0", "create", "CREATE TABLE items (id int)")));
        UpsilonConfig config = UpsilonConfig.builder().manifest(Manifest.of("none", List.of()))
                .softwareVersion(Version.parse("1.0")).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "web")).nodeId("web").build();
        node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed()).build();
        server = UpsilonServer.builder(Upsilon.create(config), node).nodes(backend.nodes())
                .maintenance(backend.maintenance()).tenants(new PgTenantModule(db.dataSource(), "mod-x", tenantTasks))
                .controlToken(TOKEN).port(0).build().start();
    }

    @AfterEach
    void tearDown() {
        server.close();
        node.close();
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-Okapi-Tenant", "diku");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        assertThat(post("/fence", "{\"below\": \"0.1\"}", "bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(post("/fence", "{\"below\": \"0.1\"}", "BEARER " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(post("/fence", "{\"below\": \"0.1\"}", "Basic " + TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void aModuleFromOfAnotherModuleIsRefused() throws Exception {
        HttpResponse<String> answer = post("/_/tenant", "{\"module_from\": \"mod-other-1.0.0\", \"module_to\":"
                + " \"mod-x-1.0.0\"}", "Bearer " + TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("mod-other");
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace WHERE nspname = 'diku_mod_x'")).isEqualTo(0L);
    }

    @Test
    void aNegativeTimeoutAndAVersionWithANulAreRefused() throws Exception {
        assertThat(post("/maintenance", "{\"action\": \"enter\", \"drain\": true, \"timeoutSeconds\": -5}",
                "Bearer " + TOKEN).statusCode()).isEqualTo(400);
        assertThat(post("/maintenance", "{\"action\": \"enter\", \"drain\": true, \"timeoutSeconds\": \"x\"}",
                "Bearer " + TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<String> nul = post("/fence", "{\"below\": \"1.0\\u0000\"}", "Bearer " + TOKEN);
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("\\\\u0000");
    }

    @Test
    void aHugeBodyIsRefusedAndNotEchoed() throws Exception {
        String huge = "{\"action\": \"" + "x".repeat(2_000_000) + "\"}";
        HttpResponse<String> answer = post("/maintenance", huge, "Bearer " + TOKEN);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body().length()).isLessThan(1_000);
        String long1 = "{\"action\": \"" + "y".repeat(20_000) + "\"}";
        HttpResponse<String> echoed = post("/maintenance", long1, "Bearer " + TOKEN);
        assertThat(echoed.statusCode()).isEqualTo(400);
        assertThat(echoed.body().length()).isLessThan(1_000);
    }
}
