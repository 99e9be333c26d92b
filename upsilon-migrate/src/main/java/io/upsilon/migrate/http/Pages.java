package io.upsilon.migrate.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Field;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/** What the source and the target share: reading pages, following {@code next} cursors, {@code _schema}. */
final class Pages {

    private Pages() {
    }

    /** The page in a response, or {@code STORE_FAILURE} for a non-2xx status or a body that is not a page. */
    static Json.Page read(HttpTransport http, String method, URI uri, HttpTransport.Response response,
            String subject) {
        if (!response.ok()) {
            throw http.failure(method, uri, response, subject);
        }
        try {
            return Json.page(response.body());
        } catch (IOException e) {
            throw http.invalid(method, uri, e, subject);
        }
    }

    /**
     * Pages until a page has no {@code next} cursor (or no items), handing every item to {@code each}.
     *
     * @param pages the page after a cursor (null for the first page)
     */
    static void scan(HttpTransport http, Function<String, Json.Page> pages, String subject, Consumer<Row> each) {
        String cursor = null;
        while (true) {
            Json.Page page = pages.apply(cursor);
            page.items().forEach(each);
            if (page.next() == null || page.items().isEmpty()) {
                return;
            }
            if (Objects.equals(page.next(), cursor)) {
                throw new UpsilonException(ErrorCode.STORE_FAILURE, http.label() + " for " + subject
                        + " answered the same next cursor twice; fix the service's paging (next must move forward)");
            }
            cursor = page.next();
        }
    }

    /**
     * {@code GET {base}/{collection}/_schema}: {@code {"fields": [{"name": …, "type": …}, …]}}.
     *
     * @return the fields, or null if the service answers 404 (it has no schema endpoint)
     */
    static List<Field> schema(HttpTransport http, String collection, String subject) {
        URI uri = http.uri(List.of(collection, "_schema"), Map.of());
        HttpTransport.Response response = http.get(uri, subject);
        if (response.status() == 404) {
            return null;
        }
        if (!response.ok()) {
            throw http.failure("GET", uri, response, subject);
        }
        try {
            JsonNode fields = Json.MAPPER.readTree(response.body()).path("fields");
            if (!fields.isArray()) {
                throw new IOException("expected {\"fields\": [{\"name\": …, \"type\": …}, …]}");
            }
            List<Field> result = new ArrayList<>();
            for (JsonNode field : fields) {
                if (!field.path("name").isTextual()) {
                    throw new IOException("a field without a \"name\": " + field);
                }
                String type = field.path("type").isTextual() ? field.path("type").asText() : "json";
                result.add(new Field(field.path("name").asText(), type));
            }
            return result;
        } catch (IOException e) {
            throw http.invalid("GET", uri, e, subject);
        }
    }
}
