package io.upsilon.examples.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.release.ReleaseSet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API of each release, one node at a time in this JVM, walking the chain 1.0.0 to 2.0.1 on one database. */
class TransferNodeIT {

    private static EmbeddedPostgres pg;
    private static String url;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void database() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE transfers");
        }
        url = "jdbc:postgresql://localhost:" + pg.getPort() + "/transfers?user=postgres";
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void eachReleaseServesItsApiAndTheChainEndsWithARequiredQuoteId() throws Exception {
        ReleaseSet releases = TransferNode.releases(null);
        assertThat(releases.releases()).extracting(r -> r.version().toString())
                .containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1");
        String quote = "\"quoteId\":\"" + UUID.randomUUID() + "\"";

        try (TransferNode n = node(releases, "1.0.0")) {
            assertThat(post(n, "v1", "")).isEqualTo(201);
            assertThat(post(n, "v1", quote)).isEqualTo(400);
            assertThat(post(n, "v2", quote)).isEqualTo(406);
        }
        try (TransferNode n = node(releases, "1.0.1")) {
            assertThat(scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'transfer'"
                    + " AND column_name = 'quote_id'")).isEqualTo("1");
            assertThat(post(n, "v1", "")).isEqualTo(201);
            assertThat(post(n, "v1", quote)).isEqualTo(400);
        }
        try (TransferNode n = node(releases, "1.0.2")) {
            assertThat(post(n, "v1", "")).isEqualTo(201);
            assertThat(post(n, "v1", quote)).isEqualTo(201);
            assertThat(post(n, "v2", "")).isEqualTo(400);
            assertThat(post(n, "v2", quote)).isEqualTo(201);
        }
        try (TransferNode n = node(releases, "2.0.0")) {
            assertThat(post(n, "v1", quote)).isEqualTo(406);
            assertThat(post(n, "v2", quote)).isEqualTo(201);
            assertThat(n.node().dataVersion()).contains(Version.parse("1.0.1"));
        }
        assertThat(scalar("SELECT count(*) FROM transfer WHERE quote_id IS NULL")).isNotEqualTo("0");
        try (TransferNode n = node(releases, "2.0.1")) {
            assertThat(post(n, "v2", quote)).isEqualTo(201);
            assertThat(scalar("SELECT count(*) FROM transfer WHERE quote_id IS NULL")).isEqualTo("0");
            assertThat(n.node().dataVersion()).contains(Version.parse("2.0.0"));
            assertThat(scalar("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'transfer'"
                    + " AND column_name = 'quote_id'")).isEqualTo("NO");
        }
    }

    private TransferNode node(ReleaseSet releases, String release) throws InterruptedException {
        TransferNode n = TransferNode.start(releases.get(Version.parse(release)), url, "127.0.0.1", 0, 0,
                "it@" + release);
        assertThat(n.node().awaitState(NodeState.READY, Duration.ofSeconds(30))).as(release + " READY").isTrue();
        return n;
    }

    private int post(TransferNode n, String api, String extra) throws Exception {
        String body = "{\"payerFsp\":\"a\",\"payeeFsp\":\"b\",\"amount\":\"10.00\",\"currency\":\"EUR\""
                + (extra.isEmpty() ? "" : "," + extra) + "}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.appPort()
                        + "/transfers")).header(TransferApi.API_HEADER, api)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static String scalar(String sql) throws Exception {
        try (Connection c = pg.getDatabase("postgres", "transfers").getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
