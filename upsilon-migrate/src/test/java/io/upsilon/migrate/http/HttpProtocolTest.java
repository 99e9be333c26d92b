package io.upsilon.migrate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Position;
import java.util.AbstractMap;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The protocol's pieces without a server: cursors, text forms, request parameters. */
class HttpProtocolTest {

    @Test
    void aCursorIsUrlSafeBase64OfASmallJsonAndRoundTrips() {
        Position position = Position.after("2024-05-01T10:00:00Z", List.of("42"));

        String cursor = HttpCursor.encode(position);

        assertThat(cursor).isEqualTo("eyJ1cGRhdGVkQXQiOiIyMDI0LTA1LTAxVDEwOjAwOjAwWiIsImtleSI6WyI0MiJdfQ");
        assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8))
                .isEqualTo("{\"updatedAt\":\"2024-05-01T10:00:00Z\",\"key\":[\"42\"]}");
        assertThat(HttpCursor.decode(cursor)).isEqualTo(position);
        Position odd = new Position(Optional.empty(), List.of("a/b?c=d&é", "~~~>>>"), Duration.ZERO);
        assertThat(HttpCursor.encode(odd)).matches("[A-Za-z0-9_-]+");
        assertThat(HttpCursor.decode(HttpCursor.encode(odd))).isEqualTo(odd);
    }

    @Test
    void aBadCursorIsBadInput() {
        String notJson = Base64.getUrlEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("%%%", notJson)) {
            assertThatThrownBy(() -> HttpCursor.decode(cursor)).isInstanceOf(UpsilonException.class)
                    .hasMessageContaining("is not an upsilon HTTP cursor")
                    .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.BAD_INPUT);
        }
    }

    @Test
    void jsonScalarsBecomeTheirExactText() throws Exception {
        String body = "{\"next\": null, \"other\": {\"x\": [1]}, \"items\": [{\"s\": \"text\", \"i\": 12345678901234567890,"
                + " \"f\": 12.50, \"e\": 1e3, \"t\": true, \"n\": null, \"o\": {\"a\": [1.0, \"b\", null, false]},"
                + " \"empty\": []}]}";

        Json.Page page = Json.page(body.getBytes(StandardCharsets.UTF_8));

        assertThat(page.next()).isNull();
        Row row = page.items().get(0);
        assertThat(row.fields()).containsExactly(Map.entry("s", "text"), Map.entry("i", "12345678901234567890"),
                Map.entry("f", "12.50"), Map.entry("e", "1e3"), Map.entry("t", "true"), new AbstractMap.SimpleEntry<String, String>("n", null),
                Map.entry("o", "{\"a\":[1.0,\"b\",null,false]}"), Map.entry("empty", "[]"));
        assertThat(Json.page("{\"items\": [], \"next\": \"abc\"}".getBytes(StandardCharsets.UTF_8)).next())
                .isEqualTo("abc");
        assertThatThrownBy(() -> Json.page("{\"items\": [1]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("each item to be a JSON object");
    }

    @Test
    void positionsBecomeAfterOrSinceParameters() {
        assertThat(HttpSourceStore.params(Position.START, 10)).containsExactly(Map.entry("limit", 10));
        assertThat(HttpSourceStore.params(Position.after("t", List.of("1")), 10)).containsOnlyKeys("limit", "after");
        assertThat(HttpSourceStore.params(Position.from("t", Duration.ofSeconds(3)), 10))
                .containsExactly(Map.entry("limit", 10), Map.entry("since", "t"), Map.entry("rewindMillis", 3000L));
    }

    @Test
    void urlsAreEncodedAndBadSettingsAreBadInput() {
        HttpTransport http = new HttpTransport("source", URI.create("https://u:p@svc.example/api/"),
                HttpClient.newHttpClient(), Map.of("Authorization", "secret"));
        assertThat(http.shown()).isEqualTo("https://svc.example/api");
        assertThat(http.uri(List.of("a b", "_schema"), HttpTransport.params("v", List.of("1&2", "é"), "n", null)))
                .hasToString("https://svc.example/api/a%20b/_schema?v=1%262&v=%C3%A9");
        assertThat(new HttpTransport("target", URI.create("http://svc.example:8080"), HttpClient.newHttpClient(),
                Map.of()).uri(List.of("_batches"), Map.of())).hasToString("http://svc.example:8080/_batches");

        assertThatThrownBy(() -> new HttpSourceStore(URI.create("https://svc.example/api?x=1"),
                HttpClient.newHttpClient(), Map.of())).hasMessageContaining("has a query")
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.BAD_INPUT);

        assertThatThrownBy(() -> new HttpSourceStore(URI.create("ftp://svc.example"), HttpClient.newHttpClient(),
                Map.of())).hasMessageContaining("is not an http(s) URL")
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.BAD_INPUT);
        assertThatThrownBy(() -> new HttpTargetStore(URI.create("http://svc.example"), HttpClient.newHttpClient(),
                Map.of("Host", "evil"))).hasMessageContaining("header 'Host' cannot be set")
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.BAD_INPUT);
    }
}
