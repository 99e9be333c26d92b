package io.upsilon.migrate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.Position;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The upsilon HTTP protocol (see package-info) over in-memory tables, as a service team would implement it: items
 * ordered by (update time, key) in their own types, cursors from {@link HttpCursor}, {@code _batches} applied to a
 * staging copy and swapped in only when every row went in.
 */
final class FakeService implements AutoCloseable {

    static final String AUTHORIZATION = "Bearer s3cret-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One collection: rows by key values, and optionally a failure to answer with first. */
    static final class Table {
        final List<String> key;
        final String updatedAt;
        final Map<List<String>, ObjectNode> rows = new LinkedHashMap<>();
        List<Field> schema;
        int failStatus;
        String failBody = "";
        final AtomicInteger failuresLeft = new AtomicInteger();

        Table(List<String> key, String updatedAt) {
            this.key = key;
            this.updatedAt = updatedAt;
        }

        Table copy() {
            Table copy = new Table(key, updatedAt);
            rows.forEach((k, v) -> copy.rows.put(k, v.deepCopy()));
            copy.schema = schema;
            return copy;
        }

        List<String> keyOf(JsonNode row) {
            return key.stream().map(field -> text(row.get(field))).toList();
        }
    }

    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> checkpoints = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Object commit = new Object();
    /** A row for which {@code _batches} fails half-way with 500. */
    volatile Predicate<JsonNode> refuse = row -> false;
    private final Javalin app;

    FakeService() {
        app = Javalin.create(config -> config.showJavalinBanner = false);
        app.before(ctx -> {
            requests.computeIfAbsent(ctx.method() + " " + ctx.path(), k -> new AtomicInteger()).incrementAndGet();
            if (!AUTHORIZATION.equals(ctx.header("Authorization"))) {
                throw new UnauthorizedResponse("missing or wrong Authorization");
            }
        });
        app.get("/{table}", this::page);
        app.get("/{table}/_schema", this::schema);
        app.post("/{table}/_lookup", this::lookup);
        app.post("/{table}/_delete", this::delete);
        app.post("/_batches", this::batches);
        app.get("/_checkpoints/{entity}", this::checkpoint);
        app.start("127.0.0.1", 0);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + app.port() + "/");
    }

    Table table(String name, List<String> key, String updatedAt) {
        return tables.computeIfAbsent(name, n -> new Table(key, updatedAt));
    }

    Table table(String name) {
        return tables.get(name);
    }

    void put(String table, ObjectNode row) {
        Table t = tables.get(table);
        t.rows.put(t.keyOf(row), row);
    }

    int requests(String methodAndPath) {
        AtomicInteger count = requests.get(methodAndPath);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The text form of a JSON value, as the protocol defines it. */
    static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }

    private Table existing(Context ctx) {
        Table table = tables.get(ctx.pathParam("table"));
        if (table == null) {
            throw new NotFoundResponse("no table " + ctx.pathParam("table"));
        }
        if (table.failuresLeft.getAndDecrement() > 0) {
            ctx.status(table.failStatus).result(table.failBody);
            return null;
        }
        return table;
    }

    private void page(Context ctx) throws Exception {
        Table table = existing(ctx);
        if (table == null) {
            return;
        }
        int limit = Integer.parseInt(ctx.queryParam("limit"));
        List<ObjectNode> rows;
        synchronized (commit) {
            rows = new ArrayList<>(table.rows.values());
        }
        Comparator<Position> order = order(table);
        rows.sort(Comparator.comparing(row -> positionOf(table, row), order));
        String after = ctx.queryParam("after");
        String since = ctx.queryParam("since");
        if (after != null) {
            Position cursor = HttpCursor.decode(after);
            rows.removeIf(row -> order.compare(positionOf(table, row), cursor) <= 0);
        } else if (since != null) {
            Instant from = Instant.parse(since).minusMillis(Long.parseLong(ctx.queryParam("rewindMillis")));
            rows.removeIf(row -> Instant.parse(row.get(table.updatedAt).asText()).isBefore(from));
        }
        List<ObjectNode> items = rows.subList(0, Math.min(limit, rows.size()));
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("items").addAll(items);
        answer.put("next", rows.size() > limit ? HttpCursor.encode(positionOf(table, items.get(limit - 1))) : null);
        ctx.contentType("application/json").result(JSON.writeValueAsString(answer));
    }

    private static Position positionOf(Table table, JsonNode row) {
        Optional<String> at = table.updatedAt == null ? Optional.empty() : Optional.of(text(row.get(table.updatedAt)));
        return new Position(at, table.keyOf(row), Duration.ZERO);
    }

    /** By update time as an instant, then the key values as numbers when they are numbers. */
    private static Comparator<Position> order(Table table) {
        Comparator<Position> byKey = (a, b) -> {
            for (int i = 0; i < a.key().size(); i++) {
                int c = compareTyped(a.key().get(i), b.key().get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        if (table.updatedAt == null) {
            return byKey;
        }
        return Comparator.<Position, Instant>comparing(p -> p.updatedAt().map(FakeService::instant)
                .orElse(Instant.MIN)).thenComparing(byKey);
    }

    /** ISO-8601, or PostgreSQL's text form ({@code 2026-03-01 00:00:02+00}) as rows copied from it carry. */
    private static Instant instant(String text) {
        if (text.indexOf('T') > 0) {
            return Instant.parse(text);
        }
        String iso = text.replace(' ', 'T');
        iso = iso.matches(".*[+-]\\d{2}$") ? iso + ":00" : iso;
        return java.time.OffsetDateTime.parse(iso).toInstant();
    }

    private static int compareTyped(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private void schema(Context ctx) throws Exception {
        Table table = existing(ctx);
        if (table == null) {
            return;
        }
        if (table.schema == null) {
            throw new NotFoundResponse("no schema");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode fields = answer.putArray("fields");
        table.schema.forEach(f -> fields.addObject().put("name", f.name()).put("type", f.type()));
        ctx.contentType("application/json").result(answer.toString());
    }

    private void lookup(Context ctx) throws Exception {
        Table table = existing(ctx);
        if (table == null) {
            return;
        }
        JsonNode body = JSON.readTree(ctx.body());
        String field = body.get("field").asText();
        Set<String> values = new HashSet<>();
        body.get("values").forEach(v -> values.add(v.asText()));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode items = answer.putArray("items");
        synchronized (commit) {
            table.rows.values().stream().filter(row -> values.contains(text(row.get(field)))).forEach(items::add);
        }
        ctx.contentType("application/json").result(answer.toString());
    }

    private void batches(Context ctx) throws Exception {
        JsonNode body = JSON.readTree(ctx.body());
        synchronized (commit) {
            Map<String, Table> staging = new LinkedHashMap<>();
            for (JsonNode batch : body.get("batches")) {
                String name = batch.get("table").asText();
                Table table = tables.get(name);
                if (table == null) {
                    ctx.status(400).result("no table " + name);
                    return;
                }
                Table copy = staging.computeIfAbsent(name, n -> table.copy());
                for (JsonNode row : batch.get("rows")) {
                    if (refuse.test(row)) {
                        ctx.status(500).result("batch refused at row " + row + "; nothing stored");
                        return; // the staging copies are dropped: nothing of this request is stored
                    }
                    copy.rows.put(copy.keyOf(row), (ObjectNode) row);
                }
            }
            staging.forEach((name, copy) -> {
                tables.get(name).rows.clear();
                tables.get(name).rows.putAll(copy.rows);
            });
            JsonNode checkpoint = body.get("checkpoint");
            checkpoints.put(checkpoint.get("entity").asText(), checkpoint);
        }
        ctx.status(204);
    }

    private void checkpoint(Context ctx) {
        JsonNode checkpoint = checkpoints.get(ctx.pathParam("entity"));
        if (checkpoint == null) {
            throw new NotFoundResponse("no checkpoint");
        }
        ctx.contentType("application/json").result(checkpoint.toString());
    }

    private void delete(Context ctx) throws Exception {
        Table table = existing(ctx);
        if (table == null) {
            return;
        }
        JsonNode body = JSON.readTree(ctx.body());
        int deleted = 0;
        synchronized (commit) {
            for (JsonNode values : body.get("keys")) {
                List<String> key = new ArrayList<>();
                values.forEach(v -> key.add(v.asText()));
                if (table.rows.remove(key) != null) {
                    deleted++;
                }
            }
        }
        ctx.contentType("application/json").result("{\"deleted\": " + deleted + "}");
    }
}
