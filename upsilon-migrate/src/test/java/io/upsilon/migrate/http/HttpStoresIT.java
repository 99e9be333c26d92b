package io.upsilon.migrate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceEntity;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both stores against {@link FakeService}, a real HTTP server implementing the protocol over memory. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpStoresIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final int COUNT = 2500;
    /** Seven items share each update time. */
    private static final int TIE = 7;
    private static final Map<String, String> AUTH = Map.of("Authorization", FakeService.AUTHORIZATION);
    private static final SourceEntity CUSTOMERS = new SourceEntity("customers", null, null, List.of("id"),
            "updatedAt");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private FakeService service;
    private HttpSourceStore source;
    private HttpTargetStore target;
    /** The customers' ids in (updatedAt, id) order, compared as time and number. */
    private List<Integer> expected;

    @BeforeEach
    void setUp() {
        service = new FakeService();
        service.table("customers", List.of("id"), "updatedAt");
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            int id = (int) ((long) i * 7919 % COUNT) + 1; // a permutation: ids do not follow update times
            service.put("customers", customer(id, i / TIE));
            order.add(new int[] {i / TIE, id});
        }
        order.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
        expected = order.stream().map(a -> a[1]).toList();
        service.table("customers_v2", List.of("id"), null);
        service.table("addresses", List.of("customer", "kind"), null);
        source = new HttpSourceStore(service.base(), client, AUTH);
        target = new HttpTargetStore(service.base(), client, AUTH);
    }

    @AfterEach
    void tearDown() {
        source.close();
        target.close();
        service.close();
    }

    private static ObjectNode customer(int id, int second) {
        ObjectNode row = JSON.createObjectNode();
        row.put("id", id);
        row.put("name", "customer " + id);
        row.put("updatedAt", T0.plusSeconds(second).toString());
        row.put("balance", new BigDecimal("12.50"));
        row.put("active", id % 2 == 0);
        row.putArray("tags").add("a").add(id);
        row.putNull("note");
        return row;
    }

    private static List<Integer> ids(List<Row> rows) {
        return rows.stream().map(row -> Integer.parseInt(row.get("id"))).toList();
    }

    private static Position after(Row row) {
        return Position.after(row.get("updatedAt"), row.values(List.of("id")));
    }

    @Test
    void pagesThroughEverythingInUpdateTimeAndKeyOrder() {
        List<Row> all = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Position position = Position.START;
        while (true) {
            List<Row> page = source.page(CUSTOMERS, position, 1000);
            if (page.isEmpty()) {
                break;
            }
            sizes.add(page.size());
            all.addAll(page);
            position = after(page.get(page.size() - 1));
        }
        assertThat(sizes).containsExactly(1000, 1000, 500);
        assertThat(ids(all)).isEqualTo(expected);
        Row first = all.get(0);
        assertThat(first.fields()).containsExactly(Map.entry("id", "1"), Map.entry("name", "customer 1"),
                Map.entry("updatedAt", "2024-05-01T10:00:00Z"), Map.entry("balance", "12.50"),
                Map.entry("active", "false"), Map.entry("tags", "[\"a\",1]"), new AbstractMap.SimpleEntry<String, String>("note", null));
    }

    @Test
    void resumesStrictlyAfterAPositionInsideATie() {
        List<Row> all = new ArrayList<>();
        source.scan(CUSTOMERS, all::add);
        all.sort(Comparator.comparing((Row r) -> r.get("updatedAt")).thenComparingInt(r -> Integer.parseInt(r.get("id"))));
        Row resumeAfter = all.get(1234);
        assertThat(all.get(1235).get("updatedAt")).isEqualTo(resumeAfter.get("updatedAt")); // a tie on update time

        List<Row> page = source.page(CUSTOMERS, after(resumeAfter), 4);

        assertThat(ids(page)).isEqualTo(expected.subList(1235, 1239));
    }

    @Test
    void sinceIsInclusiveAndRewindsBeforeTheUpdateTime() {
        String at = T0.plusSeconds(100).toString();

        List<Row> exact = source.page(CUSTOMERS, Position.from(at, Duration.ZERO), COUNT);
        List<Row> rewound = source.page(CUSTOMERS, Position.from(at, Duration.ofSeconds(2)), COUNT);

        assertThat(exact).hasSize(COUNT - 100 * TIE);
        assertThat(exact.get(0).get("updatedAt")).isEqualTo(at);
        assertThat(ids(exact)).isEqualTo(expected.subList(100 * TIE, COUNT));
        assertThat(rewound).hasSize(COUNT - 98 * TIE);
        assertThat(rewound.get(0).get("updatedAt")).isEqualTo(T0.plusSeconds(98).toString());
    }

    @Test
    void scanDeliversEveryItemOnce() {
        List<Row> rows = new ArrayList<>();
        source.scan(CUSTOMERS, rows::add);

        assertThat(rows).hasSize(COUNT);
        assertThat(new HashSet<>(ids(rows))).hasSize(COUNT);
        assertThat(service.requests("GET /customers")).isEqualTo(3);
    }

    @Test
    void looksUpByAnyFieldInOneRequestPerThousandValues() {
        Map<String, Row> byId = source.lookup("customers", "id", List.of("5", "17", "17", "99999"));
        assertThat(byId.keySet()).containsExactlyInAnyOrder("5", "17");
        assertThat(byId.get("17").get("name")).isEqualTo("customer 17");

        Map<String, Row> byName = source.lookup("customers", "name", List.of("customer 9"));
        assertThat(byName.get("customer 9").get("id")).isEqualTo("9");

        List<String> every = IntStream.rangeClosed(1, COUNT).mapToObj(String::valueOf).toList();
        assertThat(source.lookup("customers", "id", every)).hasSize(COUNT);
        assertThat(service.requests("POST /customers/_lookup")).isEqualTo(2 + 3);
        assertThat(source.lookup("customers", "id", List.of())).isEmpty();
    }

    @Test
    void describesFromTheSchemaEndpointOrTheFirstItem() {
        assertThat(source.describe(CUSTOMERS)).extracting(Field::name)
                .containsExactly("id", "name", "updatedAt", "balance", "active", "tags", "note");
        assertThat(source.describe(CUSTOMERS)).extracting(Field::type).containsOnly("json");

        service.table("customers").schema = List.of(new Field("id", "int8"), new Field("name", "text"));
        assertThat(source.describe(CUSTOMERS)).containsExactly(new Field("id", "int8"), new Field("name", "text"));

        SourceEntity missing = new SourceEntity("orders", "orders", null, List.of("id"), "updatedAt");
        assertThatThrownBy(() -> source.describe(missing)).isInstanceOf(UpsilonException.class)
                .hasMessageContaining("entity orders").hasMessageContaining("404")
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.BAD_INPUT);
        assertThatThrownBy(() -> target.describe("nope")).hasMessageContaining("target table nope does not exist")
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.BAD_INPUT);
    }

    private static Row row(Object... fieldValues) {
        Row row = new Row();
        for (int i = 0; i < fieldValues.length; i += 2) {
            row.put((String) fieldValues[i], fieldValues[i + 1] == null ? null : String.valueOf(fieldValues[i + 1]));
        }
        return row;
    }

    private static Checkpoint checkpoint(String updatedAt, String id, long rows) {
        return new Checkpoint("customers", Position.after(updatedAt, List.of(id)), rows,
                Instant.parse("2024-05-02T08:00:00Z"));
    }

    private List<Row> scan(String table) {
        List<Row> rows = new ArrayList<>();
        target.scan(table, rows::add);
        return rows;
    }

    @Test
    void writesRowsAndCheckpointAndRewritingChangesNothing() {
        assertThat(target.checkpoint("customers")).isEmpty();
        List<Batch> batches = List.of(
                new Batch("customers_v2", List.of("id"), List.of(row("id", 1, "name", "Ada", "note", null),
                        row("id", 2, "name", "Bob", "note", "x"))),
                new Batch("addresses", List.of("customer", "kind"), List.of(row("customer", 1, "kind", "home",
                        "city", "Oslo"), row("customer", 1, "kind", "work", "city", "Bergen"))));
        Checkpoint checkpoint = checkpoint("2024-05-01T10:00:01Z", "2", 2);

        target.write(batches, checkpoint);
        target.write(batches, checkpoint);

        assertThat(scan("customers_v2")).containsExactlyInAnyOrder(row("id", 1, "name", "Ada", "note", null),
                row("id", 2, "name", "Bob", "note", "x"));
        assertThat(scan("addresses")).hasSize(2);
        assertThat(target.checkpoint("customers")).contains(checkpoint);

        target.write(List.of(new Batch("customers_v2", List.of("id"), List.of(row("id", 2, "name", "Bo",
                "note", "x")))), checkpoint("2024-05-01T10:00:02Z", "3", 3));
        assertThat(scan("customers_v2")).containsExactlyInAnyOrder(row("id", 1, "name", "Ada", "note", null),
                row("id", 2, "name", "Bo", "note", "x"));
        assertThat(target.checkpoint("customers").orElseThrow().position().key()).containsExactly("3");
        Checkpoint rewound = new Checkpoint("customers", Position.from("2024-05-01T10:00:02Z", Duration.ofMinutes(5)),
                3, Instant.parse("2024-05-02T08:00:00Z"));
        target.write(List.of(), rewound);
        assertThat(target.checkpoint("customers")).contains(rewound);
    }

    @Test
    void aFailedBatchLeavesNoRowsAndNoCheckpoint() {
        Checkpoint first = checkpoint("2024-05-01T10:00:00Z", "1", 1);
        target.write(List.of(new Batch("customers_v2", List.of("id"), List.of(row("id", 1, "name", "Ada")))), first);
        service.refuse = r -> "bad".equals(r.path("city").asText());

        List<Batch> batches = List.of(
                new Batch("customers_v2", List.of("id"), List.of(row("id", 2, "name", "Bob"), row("id", 1, "name",
                        "Changed"))),
                new Batch("addresses", List.of("customer", "kind"), List.of(row("customer", 2, "kind", "home",
                        "city", "Oslo"), row("customer", 2, "kind", "work", "city", "bad"))));
        assertThatThrownBy(() -> target.write(batches, checkpoint("2024-05-01T10:00:05Z", "2", 3)))
                .isInstanceOf(UpsilonException.class).hasMessageContaining("answered 500 to POST /_batches")
                .hasMessageContaining("entity customers").hasMessageContaining("nothing stored")
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.STORE_FAILURE);

        assertThat(scan("customers_v2")).containsExactly(row("id", 1, "name", "Ada"));
        assertThat(scan("addresses")).isEmpty();
        assertThat(target.checkpoint("customers")).contains(first);
        assertThat(target.checkpoint("orders")).isEmpty();
    }

    @Test
    void scansAndDeletesTargetRows() {
        for (int from = 1; from <= COUNT; from += 1000) {
            List<Row> rows = IntStream.range(from, Math.min(COUNT + 1, from + 1000))
                    .mapToObj(id -> row("id", id, "name", "n" + id)).toList();
            target.write(List.of(new Batch("customers_v2", List.of("id"), rows)),
                    checkpoint("2024-05-01T10:00:00Z", String.valueOf(from), from));
        }
        List<Row> all = scan("customers_v2");
        assertThat(all).hasSize(COUNT);
        assertThat(new HashSet<>(ids(all))).hasSize(COUNT);

        int deleted = target.delete("customers_v2", List.of("id"), List.of(List.of("5"), List.of("6"),
                List.of("99999")));

        assertThat(deleted).isEqualTo(2);
        Set<Integer> left = new HashSet<>(ids(scan("customers_v2")));
        assertThat(left).hasSize(COUNT - 2).doesNotContain(5, 6);
        assertThat(target.delete("customers_v2", List.of("id"), List.of())).isZero();
    }

    @Test
    void anUnreachableServiceIsAStoreFailureThatNamesTheUrlButNoSecret() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpSourceStore down = new HttpSourceStore(URI.create("http://reader:pa55word@127.0.0.1:" + port + "/api"),
                client, AUTH);

        assertThatThrownBy(() -> down.page(CUSTOMERS, Position.START, 10)).isInstanceOf(UpsilonException.class)
                .hasMessageStartingWith("cannot reach http source http://127.0.0.1:" + port + "/api for entity"
                        + " customers: ConnectException")
                .hasMessageContaining("check the URL")
                .hasMessageNotContaining("pa55word").hasMessageNotContaining(FakeService.AUTHORIZATION)
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.STORE_FAILURE);
        HttpTargetStore targetDown = HttpTargetStore.create(URI.create("http://127.0.0.1:" + port), AUTH);
        assertThatThrownBy(() -> targetDown.checkpoint("customers"))
                .hasMessageStartingWith("cannot reach http target http://127.0.0.1:" + port + " for the checkpoint");
    }

    @Test
    void aNon2xxAnswerIsAStoreFailureWithStatusAndTheStartOfTheBody() {
        FakeService.Table broken = service.table("customers");
        broken.failStatus = 500;
        broken.failBody = "x".repeat(199) + "y" + "Z".repeat(100);
        broken.failuresLeft.set(1);

        assertThatThrownBy(() -> source.page(CUSTOMERS, Position.START, 10)).isInstanceOf(UpsilonException.class)
                .hasMessageContaining("http source " + service.base().toString().replaceAll("/$", "")
                        + " answered 500 to GET /customers for entity customers: " + "x".repeat(199) + "y…;")
                .hasMessageNotContaining("Z")
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.STORE_FAILURE);

        HttpSourceStore anonymous = new HttpSourceStore(service.base(), client, Map.of());
        assertThatThrownBy(() -> anonymous.page(CUSTOMERS, Position.START, 10)).hasMessageContaining("answered 401");
    }

    @Test
    void retriesServiceUnavailable() {
        FakeService.Table flaky = service.table("customers");
        flaky.failStatus = 503;
        flaky.failuresLeft.set(2);

        assertThat(source.page(CUSTOMERS, Position.START, 10)).hasSize(10);
        assertThat(service.requests("GET /customers")).isEqualTo(3);

        flaky.failuresLeft.set(3);
        assertThatThrownBy(() -> source.page(CUSTOMERS, Position.START, 10)).hasMessageContaining("answered 503");
    }
}
