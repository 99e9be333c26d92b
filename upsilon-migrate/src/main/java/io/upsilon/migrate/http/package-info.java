/**
 * Sources and targets that are services owning their data, reached over a small HTTP JSON protocol:
 * {@link io.upsilon.migrate.http.HttpSourceStore} reads the old cluster, {@link io.upsilon.migrate.http.HttpTargetStore}
 * writes the new one. A service team implements the endpoints below (under any base URL, e.g.
 * {@code https://orders.example/migration}); both sides may be the same service.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Bodies are UTF-8 JSON ({@code Content-Type: application/json}). Every request carries the headers the user
 *       configured (typically {@code Authorization}); upsilon never logs or shows their values.</li>
 *   <li>Path segments and parameters are URL-encoded. {@code {table}} is a collection name; names starting with
 *       {@code _} are reserved for the protocol.</li>
 *   <li><b>Text form.</b> Upsilon moves every value as text. A JSON string is its text; a number is its JSON text
 *       exactly as written ({@code 12.50} stays {@code "12.50"}); {@code true}/{@code false} become
 *       {@code "true"}/{@code "false"}; null is null; an object or array becomes its compact JSON text. Values the
 *       client sends back (cursor keys, lookup values, rows written) are JSON strings in that text form, or null.</li>
 *   <li>Any status other than 2xx is a failure: upsilon stops with the status and the first 200 characters of the
 *       body (so put the reason there). 404 has the meaning given below. Requests are retried up to 3 times on
 *       connection errors and on 502, 503 and 504, so every endpoint must be idempotent (they are, as specified).</li>
 *   <li>Timeouts: 10 s to connect, 60 s per request. Keep pages small enough to answer well within that.</li>
 * </ul>
 *
 * <h2>Source endpoints (the old cluster)</h2>
 *
 * <h3>{@code GET {base}/{table}?limit=N[&after=CURSOR | &since=UPDATED_AT&rewindMillis=MS]}</h3>
 * Answers {@code {"items": [{"field": value, …}, …], "next": "CURSOR" | null}}: at most {@code N} items, ordered by
 * (update time, key) ascending, compared in the service's own types (times as times, numbers as numbers), with the
 * key breaking ties between items updated at the same time. The update time of an item must not be null.
 * <ul>
 *   <li>no {@code after} and no {@code since}: from the first item;</li>
 *   <li>{@code after=CURSOR}: only items strictly after the cursor's (updatedAt, key);</li>
 *   <li>{@code since=UPDATED_AT&rewindMillis=MS}: items updated at or after {@code UPDATED_AT} minus {@code MS}
 *       milliseconds (inclusive), which is how incremental runs start; {@code UPDATED_AT} is the text form of an
 *       update time the service itself returned.</li>
 * </ul>
 * A cursor is the URL-safe base64, without padding, of the UTF-8 JSON {@code {"updatedAt": "…", "key": ["…", …]}}
 * (text forms; the key values in the entity's key order); see {@link io.upsilon.migrate.http.HttpCursor}. The client
 * makes cursors from the last item it wrote, so it can resume a killed run from its checkpoint. {@code next} is the
 * cursor after the page's last item, or null (or absent) when nothing follows; {@code scan} follows it. An unknown
 * {@code {table}} answers 404. Example:
 * <pre>{@code
 * GET /migration/customers?limit=2&after=eyJ1cGRhdGVkQXQiOiIyMDI0LTA1LTAxVDEwOjAwOjAwWiIsImtleSI6WyI0MiJdfQ
 * 200 {"items": [{"id": 43, "name": "Ada", "updatedAt": "2024-05-01T10:00:00Z", "tags": ["a"]},
 *                {"id": 7, "name": "Bob", "updatedAt": "2024-05-01T10:00:01Z", "tags": []}],
 *      "next": "eyJ1cGRhdGVkQXQiOiIyMDI0LTA1LTAxVDEwOjAwOjAxWiIsImtleSI6WyI3Il19"}
 * }</pre>
 * (items become rows such as {@code id=43, name=Ada, updatedAt=2024-05-01T10:00:00Z, tags=["a"]}).
 *
 * <p><b>Late commits.</b> An item whose update time was stamped before it committed (a long transaction in the
 * service) can appear behind a page the client has already read. The protocol has no way to say which transactions
 * are still open, so the client cannot hold its watermark at the oldest one as it does for a PostgreSQL source:
 * every incremental run starts the spec's {@code overlap} before the watermark, and that overlap is the only guard.
 * Set it longer than the service's longest write transaction, or stamp update times when a change becomes visible
 * (at commit) rather than when its transaction started.
 *
 * <h3>{@code GET {base}/{table}/_schema} (optional)</h3>
 * Answers {@code {"fields": [{"name": "id", "type": "int8"}, …]}}. Without it (404) the fields are those of the
 * first item, typed {@code json}.
 *
 * <h3>{@code POST {base}/{table}/_lookup}</h3>
 * Body {@code {"field": "id", "values": ["1", "2", …]}} (at most 1,000 values); answers {@code {"items": […]}} with
 * the items whose {@code field}, in text form, is one of the values (in any order; items for the other values are
 * simply absent). It only reads. Used by merges, one request per batch.
 *
 * <h2>Target endpoints (the new cluster)</h2>
 *
 * <h3>{@code POST {base}/_batches}</h3>
 * Body:
 * <pre>{@code
 * {"batches": [{"table": "customers", "key": ["id"], "rows": [{"id": "43", "name": "Ada", "note": null}, …]}, …],
 *  "checkpoint": {"entity": "customers",
 *                 "position": {"updatedAt": "2024-05-01T10:00:01Z", "key": ["7"], "rewindMillis": 0},
 *                 "rows": 2500, "at": "2024-05-02T08:00:00Z"}}
 * }</pre>
 * The service applies it <b>atomically</b>: every row is inserted, or replaces the row with the same key values, in
 * every table, and the checkpoint replaces the entity's stored one, all in one transaction; it answers 2xx only once
 * that committed, and on any failure stores nothing and answers non-2xx. It must be <b>idempotent</b>: the same
 * request applied twice leaves the same state (it is retried when an answer is lost). Values are strings or null;
 * the service parses them into its own types.
 *
 * <h3>{@code GET {base}/_checkpoints/{entity}}</h3>
 * The checkpoint last stored for the entity, exactly as it was sent; 404 when there is none.
 *
 * <h3>{@code GET {base}/{table}?limit=N[&after=CURSOR]} and {@code GET {base}/{table}/_schema}</h3>
 * As for a source, except that a target table may be paged in any stable order (by key, typically) and its
 * {@code next} cursor may be any string the service understands: the client only sends it back. Used to verify a
 * migration and find deleted rows. An unknown table answers 404.
 *
 * <h3>{@code POST {base}/{table}/_delete}</h3>
 * Body {@code {"key": ["id"], "keys": [["43"], ["7"], …]}} (at most 1,000 keys); deletes the rows with those key
 * values and answers {@code {"deleted": n}}, the number it deleted (keys with no row are not an error).
 *
 * <p><b>Implementations, not API.</b> What is promised here is the HTTP protocol above, which a service implements.
 * The Java classes implement {@link io.upsilon.migrate.spi.SourceStore} and
 * {@link io.upsilon.migrate.spi.TargetStore} over it; {@link io.upsilon.migrate.Stores} makes them from a
 * {@link io.upsilon.migrate.MigrationSpec}. Program against the SPI interfaces: these classes may change in any
 * release.
 */
package io.upsilon.migrate.http;
