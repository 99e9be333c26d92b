package io.upsilon.tenant.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.testsupport.HostileTenantIds;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Okapi's tenant interface over real HTTP: every outcome code, the token rules, and hostile tenant ids. */
class TenantServerIT {

    private static final String TOKEN = "tenant-control-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestDatabase db;
    private UpsilonNode node;
    private UpsilonServer server;

    static TaskDefinition sql(String version, String name, String sql) {
        return TaskDefinition.of(Version.parse(version), name, () -> new BaseUpgradeTask() {
            @Override
            public void execute(TaskContext c) throws Exception {
                try (Statement s = c.connection().createStatement()) {
                    s.execute(sql);
                }
            }
        });
    }

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        Manifest tenantTasks = Manifest.of("mod-x", List.of(
                sql("1.0.0", "create", "CREATE TABLE items (id int)"),
                sql("2.0.0", "add", "ALTER TABLE items ADD COLUMN name text"),
                sql("3.0.0", "broken", "ALTER TABLE items ADD COLUMN more text; SELECT * FROM missing_table")));
        UpsilonConfig config = UpsilonConfig.builder().manifest(Manifest.of("none", List.of()))
                .softwareVersion(Version.parse("1.0")).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "web")).nodeId("web").build();
        node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed()).build();
        server = UpsilonServer.builder(Upsilon.create(config), node).nodes(backend.nodes())
                .maintenance(backend.maintenance())
                .routes(TenantServerRoutes.of(new PgTenantModule(db.dataSource(), "mod-x", tenantTasks)))
                .controlToken(TOKEN).port(0).build().start();
    }

    @AfterEach
    void tearDown() {
        server.close();
        node.close();
    }

    private HttpResponse<String> call(String method, String tenant, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/_/tenant")).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (tenant != null) {
            request.header("X-Okapi-Tenant", tenant);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> init(String tenant, String from, String to) throws Exception {
        String body = "{" + (from == null ? "" : "\"module_from\": \"" + from + "\", ") + "\"module_to\": \"" + to
                + "\", \"parameters\": [{\"key\": \"loadSample\", \"value\": \"true\"}]}";
        return call("POST", tenant, body, TOKEN);
    }

    @Test
    void everyOutcomeHasItsStatusCode() throws Exception {
        assertThat(init("diku", null, "mod-x-1.0.0").statusCode()).isEqualTo(201);
        assertThat(init("diku", "mod-x-1.0.0", "mod-x-1.0.0").statusCode()).isEqualTo(204);
        HttpResponse<String> upgraded = init("diku", "mod-x-1.0.0", "mod-x-2.0.0");
        assertThat(upgraded.statusCode()).isEqualTo(200);
        assertThat(upgraded.body()).contains("\"outcome\":\"UPGRADED\"");
        HttpResponse<String> rejected = init("diku", "mod-x-2.0.0", "mod-x-1.0.0");
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("task add of version 2.0.0 has no rollback");
        String before = db.schemaDump();
        HttpResponse<String> failed = init("diku", "mod-x-2.0.0", "mod-x-3.0.0");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("rolled back").contains("missing_table");
        assertThat(db.schemaDump()).isEqualTo(before);
        assertThat(call("DELETE", "diku", "", TOKEN).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "diku", "", TOKEN).statusCode()).isEqualTo(404);
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace WHERE nspname = 'diku_mod_x'")).isEqualTo(0L);
    }

    @Test
    void theTokenRuleOfTheControlEndpoints() throws Exception {
        assertThat(call("POST", "diku", "{\"module_to\": \"mod-x-1.0.0\"}", null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "diku", "{\"module_to\": \"mod-x-1.0.0\"}", "wrong").statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "diku", "", null).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "diku", "", "wrong").statusCode()).isEqualTo(403);
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace WHERE nspname = 'diku_mod_x'")).isEqualTo(0L);
    }

    @Test
    void badRequestsAre400() throws Exception {
        assertThat(call("POST", "diku", "not json", TOKEN).statusCode()).isEqualTo(400);
        assertThat(call("POST", "diku", "{}", TOKEN).statusCode()).isEqualTo(400);
        assertThat(init("diku", null, "mod-other-1.0.0").statusCode()).isEqualTo(400);
        assertThat(call("POST", null, "{\"module_to\": \"mod-x-1.0.0\"}", TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void hostileTenantIdsAreRefusedAndNoSchemaAppears() throws Exception {
        Object schemas = db.queryOne("SELECT count(*) FROM pg_namespace");
        int sent = 0;
        for (String id : HostileTenantIds.IDS) {
            // HTTP headers cannot carry control characters or non-Latin-1 text: send those URL-encoded, as a
            // proxy might, which must be refused just the same
            String header = id.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f) && !id.isBlank() ? id
                    : URLEncoder.encode(id.isEmpty() ? "%00" : id, StandardCharsets.UTF_8);
            HttpResponse<String> answer = init(header, null, "mod-x-1.0.0");
            if (header.length() > 8_000) {
                assertThat(answer.statusCode()).as("an oversized header is refused by the HTTP server itself")
                        .isEqualTo(431);
            } else {
                assertThat(answer.statusCode()).as("tenant %s", header).isEqualTo(400);
                assertThat(answer.body()).contains("invalid tenant id");
            }
            sent++;
        }
        assertThat(sent).isGreaterThanOrEqualTo(50);
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace")).isEqualTo(schemas);
    }

    @Test
    void aModuleFromOfAnotherModuleIsRefused() throws Exception {
        HttpResponse<String> answer = call("POST", "diku", "{\"module_from\": \"mod-other-1.0.0\", \"module_to\":"
                + " \"mod-x-1.0.0\"}", TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("mod-other");
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace WHERE nspname = 'diku_mod_x'")).isEqualTo(0L);
    }
}
