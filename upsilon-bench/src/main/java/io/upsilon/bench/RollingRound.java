package io.upsilon.bench;

import java.util.List;
import java.util.Map;

/**
 * The figures of one round of the rolling benchmark, read from the summary the transfers demo returns
 * ({@code Demo.run}). <em>Before</em> is the first steady phase (old release, after the warm-up), <em>during</em>
 * all rolling steps together, <em>after</em> the last steady phase (new release). Latencies in milliseconds, as the
 * client saw them through the router.
 *
 * @param sent        requests sent in the whole round (warm-up included)
 * @param failed      requests of the whole round that did not succeed
 * @param rollFailed  of those, the ones sent during the rolling steps
 * @param rollSeconds how long the rolling steps took, all three nodes replaced
 * @param checked     null when the store's record is right (every task ran exactly once, the data version is the
 *                    target's), otherwise what is wrong
 */
record RollingRound(int number, long sent, long failed, long rollSent, long rollFailed, double rollSeconds,
                    double p50Before, double p99Before, double p50During, double p99During, double p50After,
                    double p99After, String checked) {

    double ratio() {
        return p99During / p99Before;
    }

    /** Against the steady window of the new release: a check on the before window, which may be not yet warm. */
    double ratioAfter() {
        return p99During / p99After;
    }

    @SuppressWarnings("unchecked")
    static RollingRound of(int number, Map<String, Object> summary) {
        List<Map<String, Object>> phases = (List<Map<String, Object>>) summary.get("phases");
        List<Map<String, Object>> steady = phases.stream().filter(p -> "steady".equals(p.get("kind"))).toList();
        List<Map<String, Object>> rolling = phases.stream().filter(p -> "rolling".equals(p.get("kind"))).toList();
        if (steady.size() < 2 || rolling.isEmpty()) {
            throw new IllegalStateException("the demo's summary lacks a steady phase before and after the roll: "
                    + phases.stream().map(p -> p.get("name")).toList());
        }
        Map<String, Object> before = steady.get(0);
        Map<String, Object> after = steady.get(steady.size() - 1);
        Map<String, Object> roll = (Map<String, Object>) summary.get("rolling");
        Map<String, Object> total = (Map<String, Object>) summary.get("total");
        double rollMs = rolling.stream().mapToLong(p -> num(p, "endMs") - num(p, "startMs")).sum();
        String checked = null;
        if (!Boolean.TRUE.equals(summary.get("eachTaskOnce"))) {
            checked = "a task ran more than once";
        } else if (!String.valueOf(summary.get("dataVersion")).equals(summary.get("expectedDataVersion"))) {
            checked = "data version " + summary.get("dataVersion") + ", expected " + summary.get("expectedDataVersion");
        }
        return new RollingRound(number, num(total, "sent"), num(total, "failed"), num(roll, "sent"),
                num(roll, "failed"), rollMs / 1000.0, ms(before, "p50Ms"), ms(before, "p99Ms"), ms(roll, "p50Ms"),
                ms(roll, "p99Ms"), ms(after, "p50Ms"), ms(after, "p99Ms"), checked);
    }

    private static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static double ms(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
