package io.upsilon.migrate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.testsupport.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract every {@link SourceStore} passes, through a thin subclass that makes a source holding given items.
 * The items are the entity {@link #ITEMS}: key {@code id} (a whole number), update time {@code updated_at}, and a
 * {@code name}. Their ids and update times are drawn from the run's seed ({@link Seeds}), with many items sharing an
 * update time, so pages end inside runs of equal update times and the key must break the ties.
 *
 * <p>A store compares update times in its own types and gives them back as its own text; the tests only hand back
 * what the store gave, and check order by the items they put in.
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class AbstractSourceStoreContractTest {

    /** The entity every test reads. */
    protected static final SourceEntity ITEMS = new SourceEntity("items", "items", null, List.of("id"),
            "updated_at");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int PAGE = 7;

    /** One item of the source. */
    public record Item(long id, String name, Instant updatedAt) {
    }

    /** A fresh source whose table {@code items} holds exactly {@code items}. */
    protected abstract SourceStore newSource(List<Item> items);

    /** Adds items, or replaces those with the same id, in the source made last. */
    protected abstract void put(List<Item> items);

    private SourceStore source;
    private List<Item> items;

    @BeforeEach
    void setUpSource() {
        Random random = Seeds.random(getClass().getName());
        int count = 40 + random.nextInt(40);
        List<Long> ids = LongStream.rangeClosed(1, count).boxed().collect(Collectors.toCollection(ArrayList::new));
        java.util.Collections.shuffle(ids, random);
        items = new ArrayList<>();
        for (long id : ids) {
            items.add(new Item(id, "item " + id, T0.plusSeconds(random.nextInt(count / 5))));
        }
        source = newSource(items);
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    /** The ids in (update time, id) order. */
    private static List<Long> ordered(List<Item> items) {
        return items.stream().sorted(Comparator.comparing(Item::updatedAt).thenComparing(Item::id))
                .map(Item::id).toList();
    }

    private static long id(Row row) {
        return Long.parseLong(row.get("id"));
    }

    private static Position after(Row row) {
        return Position.after(row.get("updated_at"), List.of(row.get("id")));
    }

    /** Every row from {@code from} on, page after page, asserting each page's size. */
    private List<Row> readAll(Position from, int limit) {
        List<Row> all = new ArrayList<>();
        Position position = from;
        while (true) {
            List<Row> page = source.page(ITEMS, position, limit);
            assertThat(page.size()).as("a page holds at most its limit").isLessThanOrEqualTo(limit);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            position = after(page.get(page.size() - 1));
        }
    }

    @Test
    void describeNamesTheEntitysFields() {
        assertThat(source.describe(ITEMS)).extracting(Field::name).contains("id", "name", "updated_at");
        SourceEntity missing = new SourceEntity("missing", "no_such_items", null, List.of("id"), "updated_at");
        assertThatThrownBy(() -> source.describe(missing)).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT));
    }

    @Test
    void pagesReadEveryRowOnceInUpdateTimeAndKeyOrder() {
        List<Row> all = readAll(Position.START, PAGE);
        assertThat(all).extracting(AbstractSourceStoreContractTest::id).containsExactlyElementsOf(ordered(items));
        assertThat(all).allSatisfy(r -> assertThat(r.get("name")).isEqualTo("item " + r.get("id")));
        assertThat(source.page(ITEMS, after(all.get(all.size() - 1)), PAGE)).as("after the last row").isEmpty();
    }

    @Test
    void resumingAfterAnyRowReadsExactlyTheRest() {
        List<Row> all = readAll(Position.START, 1000);
        List<Long> expected = ordered(items);
        for (int k : new int[] {0, PAGE - 1, Seeds.random("resume").nextInt(all.size()), all.size() - 1}) {
            assertThat(readAll(after(all.get(k)), PAGE)).extracting(AbstractSourceStoreContractTest::id)
                    .as("resumed after row %d", k).containsExactlyElementsOf(expected.subList(k + 1, expected.size()));
        }
    }

    @Test
    void readingFromAnUpdateTimeIsInclusiveAndRewindsAsAsked() {
        List<Row> all = readAll(Position.START, 1000);
        Row middle = all.get(all.size() / 2);
        Instant at = items.stream().filter(i -> i.id() == id(middle)).findFirst().orElseThrow().updatedAt();
        List<Long> from = ordered(items.stream().filter(i -> !i.updatedAt().isBefore(at)).toList());
        assertThat(readAll(Position.from(middle.get("updated_at"), Duration.ZERO), PAGE))
                .extracting(AbstractSourceStoreContractTest::id).containsExactlyElementsOf(from);
        Instant rewound = at.minusSeconds(2);
        List<Long> withRewind = ordered(items.stream().filter(i -> !i.updatedAt().isBefore(rewound)).toList());
        assertThat(readAll(Position.from(middle.get("updated_at"), Duration.ofSeconds(2)), PAGE))
                .extracting(AbstractSourceStoreContractTest::id).containsExactlyElementsOf(withRewind);
    }

    @Test
    void rowsChangedAfterAPositionAreReadFromIt() {
        List<Row> all = readAll(Position.START, 1000);
        Position end = after(all.get(all.size() - 1));
        Instant later = items.stream().map(Item::updatedAt).max(Comparator.naturalOrder()).orElseThrow()
                .plusSeconds(10);
        long changed = items.get(0).id();
        put(List.of(new Item(changed, "changed", later), new Item(10_000, "new", later.plusSeconds(1))));
        List<Row> rest = readAll(end, PAGE);
        assertThat(rest).extracting(AbstractSourceStoreContractTest::id).containsExactly(changed, 10_000L);
        assertThat(rest.get(0).get("name")).isEqualTo("changed");
    }

    @Test
    void lookupFindsRowsByTheirValueAndLeavesOutValuesWithNone() {
        String a = Long.toString(items.get(0).id());
        String b = Long.toString(items.get(1).id());
        Map<String, Row> found = source.lookup("items", "id", List.of(a, b, "999999"));
        assertThat(found).containsOnlyKeys(a, b);
        assertThat(found.get(a).get("name")).isEqualTo("item " + a);
        assertThat(source.lookup("items", "id", List.of())).isEmpty();
    }

    @Test
    void scanVisitsEveryRowOnce() {
        List<Long> seen = new ArrayList<>();
        source.scan(ITEMS, row -> seen.add(id(row)));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(items.stream().map(Item::id).toList());
    }

    @Test
    void pagesReadFromParallelThreadsAgree() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Row>>> reads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                reads.add(threads.submit(() -> readAll(Position.START, PAGE)));
            }
            for (Future<List<Row>> read : reads) {
                assertThat(read.get()).extracting(AbstractSourceStoreContractTest::id)
                        .containsExactlyElementsOf(ordered(items));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void copyPagesHoldTheSameRowsAsPages() {
        java.util.Optional<CopyPageSource> copy = source.copyPages();
        org.junit.jupiter.api.Assumptions.assumeTrue(copy.isPresent(), "this source has no COPY fast path");
        List<Row> rows = source.page(ITEMS, Position.START, PAGE);
        CopyPage page = copy.get().copyPage(ITEMS, List.of("id", "name", "updated_at"), Position.START, PAGE, false,
                null);
        assertThat(page.rows()).isEqualTo(rows.size());
        assertThat(page.last().get("id")).isEqualTo(rows.get(rows.size() - 1).get("id"));
        CopyPage next = copy.get().copyPage(ITEMS, List.of("id", "name", "updated_at"), after(page.last()), 1000,
                false, null);
        assertThat(page.rows() + next.rows()).isEqualTo(items.size());
    }
}
