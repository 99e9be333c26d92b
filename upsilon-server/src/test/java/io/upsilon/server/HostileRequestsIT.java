package io.upsilon.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Manifest;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
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

/**
 * Careless and hostile requests to the control endpoints (issue 13, items 6 and 8); the tenant endpoints' are in
 * upsilon-tenant-server's TenantServerIT.
 */
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
        UpsilonConfig config = UpsilonConfig.builder().manifest(Manifest.of("none", List.of()))
                .softwareVersion(Version.parse("1.0")).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "web")).nodeId("web").build();
        node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed()).build();
        server = UpsilonServer.builder(Upsilon.create(config), node).nodes(backend.nodes())
                .maintenance(backend.maintenance())
                // an add-on's route, behind the control token as the server's own control endpoints are
                .routes((app, control) -> app.post("/addon", ctx -> {
                    if (control.allows(ctx)) {
                        ctx.json(control.body(ctx));
                    }
                }))
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

    @Test
    void anAddOnsRoutesShareTheTokenAndTheBodyLimit() throws Exception {
        assertThat(post("/addon", "{\"a\": 1}", null).statusCode()).isEqualTo(401);
        assertThat(post("/addon", "{\"a\": 1}", "Bearer wrong").statusCode()).isEqualTo(403);
        HttpResponse<String> echoed = post("/addon", "{\"a\": 1}", "Bearer " + TOKEN);
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo("{\"a\":1}");
        assertThat(post("/addon", "[" + "1,".repeat(40_000) + "1]", "Bearer " + TOKEN).statusCode()).isEqualTo(413);
        assertThat(post("/addon", "{not json", "Bearer " + TOKEN).statusCode()).isEqualTo(400);
    }
}
