package io.upsilon.migrate.http;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceEntity;
import io.upsilon.migrate.spi.SourceStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A source read from a service over the HTTP JSON protocol described in the {@linkplain io.upsilon.migrate.http
 * package documentation}: an entity is the collection {@code {base}/{table}} (the entity's {@code table}, or its
 * name when it has none); pages come from {@code GET} with an {@code after} cursor that encodes the position, or
 * with {@code since} and {@code rewindMillis} for an inclusive start; lookups are one {@code POST …/_lookup} per
 * {@value #LOOKUP_CHUNK} values.
 *
 * <p>Thread-safe (as is {@link HttpClient}). The client belongs to the caller: {@link #close()} leaves it open.
 */
public final class HttpSourceStore implements SourceStore {

    /** Items asked for per page by {@link #scan}. */
    static final int SCAN_PAGE = 1000;
    /** Values sent per {@code _lookup} request. */
    static final int LOOKUP_CHUNK = 1000;

    private final HttpTransport http;

    /**
     * @param base    the service's base URL, e.g. {@code https://old.example/migration}
     * @param client  the client; give it a connect timeout (see {@link #create} for the defaults)
     * @param headers sent with every request, e.g. {@code Authorization}; never logged or shown in messages
     */
    public HttpSourceStore(URI base, HttpClient client, Map<String, String> headers) {
        this.http = new HttpTransport("source", base, Objects.requireNonNull(client, "client"), headers);
    }

    /** A source with its own client: connect timeout 10 s; every request times out after 60 s. */
    public static HttpSourceStore create(URI base, Map<String, String> headers) {
        return new HttpSourceStore(base, HttpTransport.defaultClient(), headers);
    }

    /**
     * {@code GET {base}/{table}/_schema}; when that answers 404, the fields of the first item of a page, each of type
     * {@code json} (or, when the entity has no items, its key and update-time fields).
     */
    @Override
    public List<Field> describe(SourceEntity entity) {
        String collection = collection(entity);
        String subject = subject(entity);
        List<Field> fields = Pages.schema(http, collection, subject);
        if (fields != null) {
            return fields;
        }
        List<Row> first = page(entity, collection, HttpTransport.params("limit", 1)).items();
        List<String> names = new ArrayList<>();
        if (first.isEmpty()) {
            names.addAll(entity.key());
            if (entity.updatedAt() != null && !names.contains(entity.updatedAt())) {
                names.add(entity.updatedAt());
            }
        } else {
            names.addAll(first.get(0).fields().keySet());
        }
        return names.stream().map(name -> new Field(name, "json")).toList();
    }

    /**
     * {@code GET {base}/{table}?limit=N}, plus {@code after=CURSOR} ({@link HttpCursor}) when the position has a key
     * and no rewind, or {@code since=UPDATED_AT&rewindMillis=MS} when it has an update time but no key (or a rewind).
     */
    @Override
    public List<Row> page(SourceEntity entity, Position after, int limit) {
        if (limit < 1) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity.name() + ": page size " + limit
                    + " is not positive; give a batch size of at least 1");
        }
        return page(entity, collection(entity), params(after, limit)).items();
    }

    static Map<String, Object> params(Position after, int limit) {
        Map<String, Object> params = HttpTransport.params("limit", limit);
        if (!after.key().isEmpty() && after.rewind().isZero()) {
            params.put("after", HttpCursor.encode(after));
        } else if (after.updatedAt().isPresent()) {
            params.put("since", after.updatedAt().get());
            params.put("rewindMillis", after.rewind().toMillis());
        }
        return params;
    }

    /** {@code POST {base}/{table}/_lookup} with {@code {"field": …, "values": […]}}, in chunks. */
    @Override
    public Map<String, Row> lookup(String table, String field, Collection<String> values) {
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(values));
        wanted.removeIf(Objects::isNull);
        Map<String, Row> found = new HashMap<>();
        String subject = "lookup of " + table + "." + field;
        for (int from = 0; from < wanted.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + LOOKUP_CHUNK));
            byte[] body = Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("field", field);
                g.writeFieldName("values");
                Json.writeStrings(g, chunk);
                g.writeEndObject();
            });
            URI uri = http.uri(List.of(table, "_lookup"), Map.of());
            HttpTransport.Response response = http.post(uri, body, subject);
            if (response.status() == 404) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, http.label() + " has no table "
                        + table + " to look up " + field + " in (POST " + uri.getRawPath()
                        + " answered 404); check the merge's table and the base URL");
            }
            for (Row row : Pages.read(http, "POST", uri, response, subject).items()) {
                String value = row.get(field);
                if (value != null && !found.containsKey(value)) {
                    found.put(value, row);
                }
            }
        }
        found.keySet().retainAll(wanted);
        return found;
    }

    /** Pages through every item with {@code limit=1000}, following each page's {@code next} cursor. */
    @Override
    public void scan(SourceEntity entity, Consumer<Row> each) {
        String collection = collection(entity);
        Pages.scan(http, cursor -> page(entity, collection, HttpTransport.params("limit", SCAN_PAGE,
                "after", cursor)), subject(entity), each);
    }

    /** Does nothing: the client belongs to the caller. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "HttpSourceStore[" + http.shown() + "]";
    }

    private Json.Page page(SourceEntity entity, String collection, Map<String, Object> params) {
        URI uri = http.uri(List.of(collection), params);
        HttpTransport.Response response = http.get(uri, subject(entity));
        if (response.status() == 404) {
            throw missing(entity);
        }
        return Pages.read(http, "GET", uri, response, subject(entity));
    }

    private UpsilonException missing(SourceEntity entity) {
        return new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity.name() + ": " + http.label()
                + " has no collection " + collection(entity) + " (GET answered 404); check the entity's table in the"
                + " spec and the base URL");
    }

    private static String collection(SourceEntity entity) {
        if (entity.query() != null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity.name() + ": an http source takes no"
                    + " query; give the collection as the entity's table (or leave it out to use the entity's name)");
        }
        return entity.table() != null ? entity.table() : entity.name();
    }

    private static String subject(SourceEntity entity) {
        return "entity " + entity.name();
    }
}
