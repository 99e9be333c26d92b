package io.upsilon.migrate.internal;

import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, for every table an entity writes (split tables too), the rows the target has that the transformed source
 * no longer gives, per key range rather than by holding whole key sets. First pass: per bucket of the key's hash,
 * the number of keys and the sum of their hashes on both sides. Second pass, only for the buckets that differ: the
 * source's keys in them, then the target's keys in them that are not among those. Memory is the bucket arrays
 * ({@value #BUCKETS} buckets, 2 MB) plus the keys of the differing buckets: bounded by the damage, not the table.
 */
public final class DeleteFinder {

    /** Enough buckets that a few thousand scattered deletes leave most of a large table's buckets alone. */
    static final int BUCKETS = 65_536;
    /** Keys deleted per statement. */
    private static final int DELETE_CHUNK = 1_000;

    private final SourceStore source;
    private final TargetStore target;

    public DeleteFinder(SourceStore source, TargetStore target) {
        this.source = source;
        this.target = target;
    }

    /**
     * @param delete whether to delete the rows found, or only count them
     * @return how many rows the target has that the source no longer gives, over the entity's tables
     */
    public long run(EntityPlan plan, boolean delete) {
        Verifier expected = new Verifier(source, target);
        long total = 0;
        for (Map.Entry<String, List<String>> table : plan.keys().entrySet()) {
            List<List<String>> gone = gone(expected, plan, table.getKey(), table.getValue());
            if (delete) {
                for (int from = 0; from < gone.size(); from += DELETE_CHUNK) {
                    target.delete(table.getKey(), table.getValue(),
                            gone.subList(from, Math.min(gone.size(), from + DELETE_CHUNK)));
                }
            }
            total += gone.size();
        }
        return total;
    }

    private List<List<String>> gone(Verifier expected, EntityPlan plan, String table, List<String> key) {
        long[] wantCount = new long[BUCKETS];
        long[] wantSum = new long[BUCKETS];
        long[] haveCount = new long[BUCKETS];
        long[] haveSum = new long[BUCKETS];
        expected.expected(plan, table, (k, rowHash) -> add(k, wantCount, wantSum));
        target.scan(table, row -> add(row.values(key), haveCount, haveSum));
        boolean[] differs = new boolean[BUCKETS];
        boolean any = false;
        for (int b = 0; b < BUCKETS; b++) {
            // an empty target bucket has nothing to delete; any other that differs may hold a key the source lost
            differs[b] = haveCount[b] > 0 && (wantCount[b] != haveCount[b] || wantSum[b] != haveSum[b]);
            any |= differs[b];
        }
        List<List<String>> gone = new ArrayList<>();
        if (!any) {
            return gone;
        }
        Set<List<String>> wanted = new HashSet<>();
        expected.expected(plan, table, (k, rowHash) -> {
            if (differs[bucket(hash(k))]) {
                wanted.add(k);
            }
        });
        target.scan(table, row -> {
            List<String> k = row.values(key);
            if (differs[bucket(hash(k))] && !wanted.contains(k)) {
                gone.add(k);
            }
        });
        return gone;
    }

    private static void add(List<String> key, long[] counts, long[] sums) {
        long h = hash(key);
        int b = bucket(h);
        counts[b]++;
        sums[b] += h;
    }

    private static int bucket(long hash) {
        return (int) Math.floorMod(hash, (long) BUCKETS);
    }

    /** 64 bits of SHA-256 over the key's values, NULL distinct from any text. */
    static long hash(List<String> key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String v : key) {
                digest.update(v == null ? new byte[] {0} : ("=" + v).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 1);
            }
            byte[] d = digest.digest();
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
