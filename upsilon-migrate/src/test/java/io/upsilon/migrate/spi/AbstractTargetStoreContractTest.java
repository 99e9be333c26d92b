package io.upsilon.migrate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.testsupport.Seeds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract every {@link TargetStore} passes, through a thin subclass that makes a target with two empty tables:
 * {@code items} (key {@code id}, a whole number; field {@code name}, text) and {@code pairs} (key {@code a, b}, both
 * text; field {@code v}, text). Values go in and come back as text. Batch sizes and the rows a test deletes are drawn
 * from the run's seed ({@link Seeds}).
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class AbstractTargetStoreContractTest {

    /** A fresh target whose tables {@code items} and {@code pairs} exist and are empty. */
    protected abstract TargetStore newTarget();

    private TargetStore target;
    private Random random;

    @BeforeEach
    void setUpTarget() {
        target = newTarget();
        random = Seeds.random(getClass().getName());
    }

    @AfterEach
    void closeTarget() {
        target.close();
    }

    private static Row item(long id, String name) {
        Row row = new Row();
        row.put("id", Long.toString(id));
        row.put("name", name);
        return row;
    }

    private static Row pair(String a, String b, String v) {
        Row row = new Row();
        row.put("a", a);
        row.put("b", b);
        row.put("v", v);
        return row;
    }

    private static List<Row> items(long from, long to) {
        List<Row> rows = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            rows.add(item(id, "item " + id));
        }
        return rows;
    }

    private static Batch itemBatch(List<Row> rows) {
        return new Batch("items", List.of("id"), rows);
    }

    private static Checkpoint checkpoint(String entity, String updatedAt, String key, long rows) {
        return new Checkpoint(entity, Position.after(updatedAt, List.of(key)), rows,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The table's rows by their key values, as text. */
    private Map<List<String>, Row> scan(String table, List<String> key) {
        Map<List<String>, Row> rows = new HashMap<>();
        target.scan(table, row -> {
            Row previous = rows.put(row.values(key), row);
            assertThat(previous).as("key %s twice in %s", row.values(key), table).isNull();
        });
        return rows;
    }

    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        scan("items", List.of("id")).forEach((k, row) -> names.put(k.get(0), row.get("name")));
        return names;
    }

    @Test
    void describeNamesTheTablesFields() {
        assertThat(target.describe("items")).extracting(Field::name).contains("id", "name");
        assertThatThrownBy(() -> target.describe("no_such_items")).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT));
    }

    @Test
    void writtenRowsAreReadBackAndTheCheckpointWithThem() {
        int count = 20 + random.nextInt(200);
        Checkpoint stored = checkpoint("items", "2026-03-01T00:00:05Z", Integer.toString(count), count);
        assertThat(target.checkpoint("items")).isEmpty();
        target.write(List.of(itemBatch(items(1, count))), stored);
        Map<String, String> names = names();
        assertThat(names).hasSize(count);
        names.forEach((id, name) -> assertThat(name).isEqualTo("item " + id));
        Checkpoint back = target.checkpoint("items").orElseThrow();
        assertThat(back.entity()).isEqualTo("items");
        assertThat(back.position()).isEqualTo(stored.position());
        assertThat(back.rows()).isEqualTo(count);
        assertThat(back.at()).isEqualTo(stored.at());
    }

    @Test
    void writingTheSameBatchTwiceChangesNothing() {
        Batch batch = itemBatch(items(1, 30));
        target.write(List.of(batch), checkpoint("items", "t1", "30", 30));
        Map<String, String> once = names();
        target.write(List.of(batch), checkpoint("items", "t1", "30", 30));
        assertThat(names()).isEqualTo(once).hasSize(30);
    }

    @Test
    void aRowWithAKeyThatExistsReplacesIt() {
        target.write(List.of(itemBatch(items(1, 10))), checkpoint("items", "t1", "10", 10));
        target.write(List.of(itemBatch(List.of(item(3, "changed"), item(11, "new")))),
                checkpoint("items", "t2", "11", 12));
        Map<String, String> names = names();
        assertThat(names).hasSize(11).containsEntry("3", "changed").containsEntry("11", "new")
                .containsEntry("4", "item 4");
    }

    @Test
    void aKeyTwiceInOneBatchKeepsItsLastRow() {
        target.write(List.of(itemBatch(List.of(item(1, "first"), item(2, "two"), item(1, "last")))),
                checkpoint("items", "t1", "1", 3));
        assertThat(names()).containsOnly(Map.entry("1", "last"), Map.entry("2", "two"));
        target.write(List.of(itemBatch(List.of(item(2, "again"), item(2, "final")))),
                checkpoint("items", "t2", "2", 5));
        assertThat(names()).containsOnly(Map.entry("1", "last"), Map.entry("2", "final"));
    }

    @Test
    void oneWriteCoversSeveralTables() {
        target.write(List.of(itemBatch(items(1, 5)), new Batch("pairs", List.of("a", "b"),
                List.of(pair("x", "1", "p"), pair("x", "2", "q")))), checkpoint("both", "t1", "5", 7));
        assertThat(names()).hasSize(5);
        assertThat(scan("pairs", List.of("a", "b"))).containsOnlyKeys(List.of("x", "1"), List.of("x", "2"));
    }

    @Test
    void aCheckpointIsStoredWithoutRowsAndReplacedByTheNext() {
        assertThat(target.checkpoint("never")).isEmpty();
        Checkpoint start = new Checkpoint("snap", Position.START, 0, Instant.now());
        target.write(List.of(), start);
        assertThat(target.checkpoint("snap").orElseThrow().position()).isEqualTo(Position.START);
        Checkpoint ranged = new Checkpoint("snap", new Position(Optional.of("2026-03-01 00:00:00+00"),
                List.of("128", "a1b2c3d4"), Duration.ZERO), 42, Instant.now());
        target.write(List.of(), ranged);
        Checkpoint back = target.checkpoint("snap").orElseThrow();
        assertThat(back.position()).isEqualTo(ranged.position());
        assertThat(back.rows()).isEqualTo(42);
        assertThat(names()).isEmpty();
    }

    @Test
    void aFailedWriteStoresNeitherItsRowsNorItsCheckpoint() {
        target.write(List.of(itemBatch(items(1, 5))), checkpoint("items", "t1", "5", 5));
        Checkpoint before = target.checkpoint("items").orElseThrow();
        assertThatThrownBy(() -> target.write(List.of(itemBatch(List.of(item(1, "changed"), item(6, "new"))),
                new Batch("no_such_table", List.of("id"), items(1, 1))), checkpoint("items", "t2", "6", 7)))
                .isInstanceOf(UpsilonException.class);
        assertThat(names()).hasSize(5).containsEntry("1", "item 1");
        assertThat(target.checkpoint("items").orElseThrow().position()).isEqualTo(before.position());
    }

    @Test
    void rowsByKeyAreExactlyThoseKeys() {
        List<Row> pairs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pairs.add(pair("k" + i % 4, Integer.toString(i), "v" + i));
        }
        target.write(List.of(new Batch("pairs", List.of("a", "b"), pairs)), checkpoint("pairs", "t1", "19", 20));
        List<List<String>> wanted = List.of(List.of("k1", "5"), List.of("k3", "7"), List.of("k1", "7"));
        assertThat(target.rows("pairs", List.of("a", "b"), wanted)).extracting(r -> r.values(List.of("a", "b")))
                .containsExactlyInAnyOrder(List.of("k1", "5"), List.of("k3", "7"));
        assertThat(target.rows("pairs", List.of("a", "b"), List.of())).isEmpty();
    }

    @Test
    void deletingByKeyRemovesOnlyThoseRowsAndCountsThem() {
        int count = 50;
        target.write(List.of(itemBatch(items(1, count))), checkpoint("items", "t1", "50", count));
        List<List<String>> doomed = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            if (random.nextInt(3) == 0) {
                doomed.add(List.of(Long.toString(id)));
            }
        }
        List<List<String>> withAbsent = new ArrayList<>(doomed);
        withAbsent.add(List.of("999"));
        assertThat(target.delete("items", List.of("id"), withAbsent)).isEqualTo(doomed.size());
        Map<String, String> left = names();
        assertThat(left).hasSize(count - doomed.size());
        doomed.forEach(k -> assertThat(left).doesNotContainKey(k.get(0)));
        assertThat(target.delete("items", List.of("id"), List.of())).isZero();
        assertThat(target.delete("items", List.of("id"), doomed)).as("already deleted").isZero();
    }

    @Test
    void parallelWritesLoseNothing() throws Exception {
        int threads = 4;
        int batches = 5;
        int rows = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        long first = ((long) thread * batches + b) * rows + 1;
                        target.write(List.of(itemBatch(items(first, first + rows - 1))), checkpoint("entity-" + thread,
                                "t" + b, Long.toString(first + rows - 1), (long) (b + 1) * rows));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(names()).hasSize(threads * batches * rows);
        for (int t = 0; t < threads; t++) {
            assertThat(target.checkpoint("entity-" + t).orElseThrow().rows()).isEqualTo((long) batches * rows);
        }
    }

    @Test
    void copyPagesAreWrittenByKeyLikeRows() {
        Optional<CopyPageTarget> copy = target.copyPages();
        Assumptions.assumeTrue(copy.isPresent(), "this target has no COPY fast path");
        target.write(List.of(itemBatch(items(1, 3))), checkpoint("items", "t1", "3", 3));
        byte[] text = "3\tthree\n4\tfour\n".getBytes(StandardCharsets.UTF_8);
        copy.get().write("items", List.of("id"), new CopyPage(List.of("id", "name"), text, text.length),
                checkpoint("items", "t2", "4", 5));
        assertThat(names()).hasSize(4).containsEntry("3", "three").containsEntry("4", "four");
        assertThat(target.checkpoint("items").orElseThrow().rows()).isEqualTo(5);
    }
}
