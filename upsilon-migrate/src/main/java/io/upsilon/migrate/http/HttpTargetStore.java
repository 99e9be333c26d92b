package io.upsilon.migrate.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.TargetStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A target written to a service over the HTTP JSON protocol described in the {@linkplain io.upsilon.migrate.http
 * package documentation}: {@link #write} is one {@code POST {base}/_batches} that the service applies atomically and
 * idempotently (upsert by key, checkpoint stored in the same transaction); checkpoints are read from
 * {@code GET {base}/_checkpoints/{entity}}; tables are scanned and described like a source's collections and rows
 * deleted with {@code POST {base}/{table}/_delete}.
 *
 * <p>Row values travel as JSON strings (their text form) or null: the service parses them into its own types.
 * Thread-safe (as is {@link HttpClient}). The client belongs to the caller: {@link #close()} leaves it open.
 */
public final class HttpTargetStore implements TargetStore {

    /** Keys sent per {@code _delete} request. */
    static final int DELETE_CHUNK = 1000;

    private final HttpTransport http;

    /**
     * @param base    the service's base URL, e.g. {@code https://new.example/migration}
     * @param client  the client; give it a connect timeout (see {@link #create} for the defaults)
     * @param headers sent with every request, e.g. {@code Authorization}; never logged or shown in messages
     */
    public HttpTargetStore(URI base, HttpClient client, Map<String, String> headers) {
        this.http = new HttpTransport("target", base, Objects.requireNonNull(client, "client"), headers);
    }

    /** A target with its own client: connect timeout 10 s; every request times out after 60 s. */
    public static HttpTargetStore create(URI base, Map<String, String> headers) {
        return new HttpTargetStore(base, HttpTransport.defaultClient(), headers);
    }

    /**
     * {@code GET {base}/{table}/_schema}; when that answers 404, the fields of the table's first row, each of type
     * {@code json} (none when the table is empty: implement {@code _schema} so that an empty table can be described).
     */
    @Override
    public List<Field> describe(String table) {
        List<Field> fields = Pages.schema(http, table, "table " + table);
        if (fields != null) {
            return fields;
        }
        List<Row> first = page(table, null, 1).items();
        return first.isEmpty() ? List.of()
                : first.get(0).fields().keySet().stream().map(name -> new Field(name, "json")).toList();
    }

    /**
     * {@code POST {base}/_batches} with {@code {"batches": [{"table", "key", "rows"}, …], "checkpoint": {…}}}; any 2xx
     * means the service stored all of it, anything else that it stored none of it.
     */
    @Override
    public void write(List<Batch> batches, Checkpoint checkpoint) {
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("batches");
            for (Batch batch : batches) {
                g.writeStartObject();
                g.writeStringField("table", batch.table());
                g.writeFieldName("key");
                Json.writeStrings(g, batch.key());
                g.writeArrayFieldStart("rows");
                for (Row row : batch.rows()) {
                    Json.writeRow(g, row);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("checkpoint");
            writeCheckpoint(g, checkpoint);
            g.writeEndObject();
        });
        URI uri = http.uri(List.of("_batches"), Map.of());
        String subject = "entity " + checkpoint.entity();
        HttpTransport.Response response = http.post(uri, body, subject);
        if (!response.ok()) {
            throw http.failure("POST", uri, response, subject);
        }
    }

    /** {@code GET {base}/_checkpoints/{entity}}; 404 means none. */
    @Override
    public Optional<Checkpoint> checkpoint(String entity) {
        URI uri = http.uri(List.of("_checkpoints", entity), Map.of());
        String subject = "the checkpoint of entity " + entity;
        HttpTransport.Response response = http.get(uri, subject);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw http.failure("GET", uri, response, subject);
        }
        try {
            return Optional.of(readCheckpoint(Json.MAPPER.readTree(response.body()), entity));
        } catch (IOException | DateTimeParseException | ArithmeticException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "the checkpoint of entity " + entity + " in "
                    + http.label() + " is unreadable: " + Json.oneLine(e.getMessage()) + "; delete it in the service"
                    + " to start that entity over", e);
        }
    }

    /** Pages through {@code GET {base}/{table}?limit=1000&after=…}, following each page's {@code next} cursor. */
    @Override
    public void scan(String table, Consumer<Row> each) {
        Pages.scan(http, cursor -> page(table, cursor, HttpSourceStore.SCAN_PAGE), "table " + table, each);
    }

    /**
     * {@code POST {base}/{table}/_delete} with {@code {"key": […], "keys": [[…], …]}}, answered
     * {@code {"deleted": n}}. Sent in chunks of {@value #DELETE_CHUNK} keys; a chunk retried after a lost answer may
     * count fewer rows than it deleted.
     */
    @Override
    public int delete(String table, List<String> key, List<List<String>> keys) {
        int deleted = 0;
        String subject = "table " + table;
        URI uri = http.uri(List.of(table, "_delete"), Map.of());
        for (int from = 0; from < keys.size(); from += DELETE_CHUNK) {
            List<List<String>> chunk = keys.subList(from, Math.min(keys.size(), from + DELETE_CHUNK));
            byte[] body = Json.write(g -> {
                g.writeStartObject();
                g.writeFieldName("key");
                Json.writeStrings(g, key);
                g.writeArrayFieldStart("keys");
                for (List<String> values : chunk) {
                    Json.writeStrings(g, values);
                }
                g.writeEndArray();
                g.writeEndObject();
            });
            HttpTransport.Response response = http.post(uri, body, subject);
            if (response.status() == 404) {
                throw missing(table, "POST");
            }
            if (!response.ok()) {
                throw http.failure("POST", uri, response, subject);
            }
            try {
                JsonNode count = Json.MAPPER.readTree(response.body()).path("deleted");
                if (!count.canConvertToInt()) {
                    throw new IOException("expected {\"deleted\": n}");
                }
                deleted += count.asInt();
            } catch (IOException e) {
                throw http.invalid("POST", uri, e, subject);
            }
        }
        return deleted;
    }

    /** Does nothing: the client belongs to the caller. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "HttpTargetStore[" + http.shown() + "]";
    }

    private Json.Page page(String table, String cursor, int limit) {
        URI uri = http.uri(List.of(table), HttpTransport.params("limit", limit, "after", cursor));
        HttpTransport.Response response = http.get(uri, "table " + table);
        if (response.status() == 404) {
            throw missing(table, "GET");
        }
        return Pages.read(http, "GET", uri, response, "table " + table);
    }

    private UpsilonException missing(String table, String method) {
        return new UpsilonException(ErrorCode.BAD_INPUT, "target table " + table + " does not exist in "
                + http.label() + " (" + method + " answered 404); create it (the new release's schema) or check the"
                + " base URL");
    }

    private static void writeCheckpoint(JsonGenerator g, Checkpoint checkpoint) throws IOException {
        Position position = checkpoint.position();
        g.writeStartObject();
        g.writeStringField("entity", checkpoint.entity());
        g.writeObjectFieldStart("position");
        g.writeStringField("updatedAt", position.updatedAt().orElse(null));
        g.writeFieldName("key");
        Json.writeStrings(g, position.key());
        g.writeNumberField("rewindMillis", position.rewind().toMillis());
        g.writeEndObject();
        g.writeNumberField("rows", checkpoint.rows());
        g.writeStringField("at", checkpoint.at().toString());
        g.writeEndObject();
    }

    private static Checkpoint readCheckpoint(JsonNode json, String entity) throws IOException {
        JsonNode position = json.path("position");
        if (!json.isObject() || !position.isObject() || !json.path("at").isTextual()) {
            throw new IOException("expected {\"entity\", \"position\": {\"updatedAt\", \"key\", \"rewindMillis\"},"
                    + " \"rows\", \"at\"}");
        }
        JsonNode at = position.path("updatedAt");
        List<String> key = new ArrayList<>();
        for (JsonNode value : position.path("key")) {
            if (!value.isValueNode() || value.isNull()) {
                throw new IOException("a key value that is not text: " + value);
            }
            key.add(value.asText());
        }
        Position where = new Position(at.isNull() || at.isMissingNode() ? Optional.empty() : Optional.of(at.asText()),
                key, Duration.ofMillis(position.path("rewindMillis").asLong(0)));
        return new Checkpoint(json.path("entity").asText(entity), where, json.path("rows").asLong(0),
                Instant.parse(json.path("at").asText()));
    }
}
