package io.upsilon.migrate.internal;

import io.upsilon.migrate.Row;
import io.upsilon.migrate.VerifyReport;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * Compares the transformed source with the target, table by table. First pass: per key range (a bucket of the key's
 * hash) the row count and the sum of row hashes on both sides. Only buckets that differ are read again, key by key,
 * to name the missing, extra and different keys, so memory stays bounded by the damage, not by the table.
 */
public final class Verifier {

    private static final int BUCKETS = 256;

    private final SourceStore source;
    private final TargetStore target;

    public Verifier(SourceStore source, TargetStore target) {
        this.source = source;
        this.target = target;
    }

    public List<VerifyReport.Table> verify(EntityPlan plan, int maxKeys) {
        List<VerifyReport.Table> tables = new ArrayList<>();
        plan.keys().forEach((table, key) -> tables.add(verifyTable(plan, table, key, maxKeys)));
        return tables;
    }

    private VerifyReport.Table verifyTable(EntityPlan plan, String table, List<String> key, int maxKeys) {
        List<String> fields = new ArrayList<>(new TreeSet<>(plan.fieldsByTable().get(table)));
        long[] expectedCount = new long[BUCKETS];
        long[] expectedSum = new long[BUCKETS];
        long[] actualCount = new long[BUCKETS];
        long[] actualSum = new long[BUCKETS];
        expected(plan, table, (k, hash) -> add(k, hash, expectedCount, expectedSum));
        target.scan(table, row -> add(row.values(key), hash(row, fields), actualCount, actualSum));
        Set<Integer> differing = new HashSet<>();
        long expectedRows = 0;
        long actualRows = 0;
        for (int b = 0; b < BUCKETS; b++) {
            expectedRows += expectedCount[b];
            actualRows += actualCount[b];
            if (expectedCount[b] != actualCount[b] || expectedSum[b] != actualSum[b]) {
                differing.add(b);
            }
        }
        if (differing.isEmpty()) {
            return new VerifyReport.Table(plan.spec().name(), table, expectedRows, actualRows, List.of(), List.of(),
                    List.of(), 0);
        }
        Map<List<String>, Long> want = new HashMap<>();
        Map<List<String>, Long> have = new HashMap<>();
        expected(plan, table, (k, hash) -> {
            if (differing.contains(bucket(k))) {
                want.put(k, hash);
            }
        });
        target.scan(table, row -> {
            List<String> k = row.values(key);
            if (differing.contains(bucket(k))) {
                have.put(k, hash(row, fields));
            }
        });
        return compare(plan.spec().name(), table, expectedRows, actualRows, want, have, maxKeys);
    }

    /**
     * Names the keys {@code want} (key to expected row hash) and {@code have} (key to target row hash) disagree on, at
     * most {@code maxKeys} of each kind; every disagreement counts.
     */
    private static VerifyReport.Table compare(String entity, String table, long expectedRows, long actualRows,
                                              Map<List<String>, Long> want, Map<List<String>, Long> have,
                                              int maxKeys) {
        List<List<String>> missing = new ArrayList<>();
        List<List<String>> different = new ArrayList<>();
        List<List<String>> extra = new ArrayList<>();
        long mismatches = 0;
        for (Map.Entry<List<String>, Long> e : want.entrySet()) {
            Long actual = have.get(e.getKey());
            if (actual == null || !actual.equals(e.getValue())) {
                mismatches++;
                addCapped(actual == null ? missing : different, e.getKey(), maxKeys);
            }
        }
        for (List<String> k : have.keySet()) {
            if (!want.containsKey(k)) {
                mismatches++;
                addCapped(extra, k, maxKeys);
            }
        }
        return new VerifyReport.Table(entity, table, expectedRows, actualRows, missing, extra, different, mismatches);
    }

    /**
     * Compares only the rows of the given entity keys, looked up by key on both sides (no table is scanned): what
     * the cut-over window verifies, the keys changed since the full verification that ran before it. Split tables
     * are compared for the split rows those keys give.
     */
    public List<VerifyReport.Table> verifyKeys(EntityPlan plan, java.util.function.Function<java.util.Collection<
            List<String>>, List<Row>> sourceRows, java.util.Collection<List<String>> keys, int maxKeys) {
        // the entity table's rows of these keys are read from the target while the source's are read: two servers,
        // one wait (what the window holds); rows of keys only the transform gives are read after
        String own = plan.spec().target();
        List<String> ownKey = plan.keys().get(own);
        CompletableFuture<List<Row>> ownRows = ownKey == null || keys.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> target.rows(own, ownKey, keys));
        Map<String, List<Row>> expectedRows;
        try {
            expectedRows = plan.transform(sourceRows.apply(keys));
        } catch (RuntimeException e) {
            ownRows.cancel(true);
            throw e;
        }
        List<Row> prefetched = join(ownRows);
        List<VerifyReport.Table> tables = new ArrayList<>();
        plan.keys().forEach((table, key) -> {
            List<String> fields = new ArrayList<>(new TreeSet<>(plan.fieldsByTable().get(table)));
            Map<List<String>, Long> want = new HashMap<>();
            expectedRows.getOrDefault(table, List.of()).forEach(r -> want.put(r.values(key), hash(r, fields)));
            Set<List<String>> asked = new HashSet<>(want.keySet());
            if (table.equals(plan.spec().target())) {
                asked.addAll(keys);
            } else if (plan.splitKeysFromKey().containsKey(table)) { // split rows of deleted keys must be gone too
                List<String> from = plan.splitKeysFromKey().get(table);
                keys.forEach(k -> asked.add(from.stream().map(f -> k.get(plan.spec().key().indexOf(f))).toList()));
            }
            Map<List<String>, Long> have = new HashMap<>();
            if (table.equals(own)) {
                prefetched.forEach(r -> have.put(r.values(key), hash(r, fields)));
                asked.removeAll(new HashSet<>(keys));
            }
            if (!asked.isEmpty()) {
                target.rows(table, key, asked).forEach(r -> have.put(r.values(key), hash(r, fields)));
            }
            tables.add(compare(plan.spec().name(), table, want.size(), have.size(), want, have, maxKeys));
        });
        return tables;
    }

    /** The future's rows; its failure as it was thrown (a store's {@code UpsilonException}). */
    private static List<Row> join(CompletableFuture<List<Row>> rows) {
        try {
            return rows.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Streams the transformed source rows of one target table as (key, row hash). */
    void expected(EntityPlan plan, String table, BiConsumer<List<String>, Long> each) {
        List<String> key = plan.keys().get(table);
        List<String> fields = new ArrayList<>(new TreeSet<>(plan.fieldsByTable().get(table)));
        int batch = plan.spec().batch();
        List<Row> chunk = new ArrayList<>(batch);
        Runnable flush = () -> {
            List<Row> rows = plan.transform(chunk).getOrDefault(table, List.of());
            Map<List<String>, Row> lastByKey = new HashMap<>(); // the target keeps one row per key
            rows.forEach(r -> lastByKey.put(r.values(key), r));
            lastByKey.forEach((k, r) -> each.accept(k, hash(r, fields)));
            chunk.clear();
        };
        source.scan(plan.source(), row -> {
            chunk.add(row);
            if (chunk.size() >= batch) {
                flush.run();
            }
        });
        flush.run();
    }

    private static void add(List<String> key, long hash, long[] counts, long[] sums) {
        int b = bucket(key);
        counts[b]++;
        sums[b] += hash;
    }

    private static int bucket(List<String> key) {
        return Math.floorMod(key.hashCode(), BUCKETS);
    }

    private static void addCapped(List<List<String>> list, List<String> key, int max) {
        if (list.size() < max) {
            list.add(key);
        }
    }

    /** 64 bits of SHA-256 over the row's fields, in name order, NULL distinct from any text. */
    static long hash(Row row, List<String> fields) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String f : fields) {
                String v = row.get(f);
                digest.update(f.getBytes(StandardCharsets.UTF_8));
                digest.update(v == null ? new byte[] {0} : ("=" + v).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 1);
            }
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
