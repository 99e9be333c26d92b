package io.upsilon.bench;

import io.upsilon.demo.DemoSummary;
import io.upsilon.demo.DemoSummary.Phase;
import io.upsilon.demo.DemoSummary.Requests;
import java.util.List;

/**
 * The figures of one round of the rolling benchmark, read from the summary the transfers demo returns
 * ({@code Demo.run}, a {@link DemoSummary}). <em>Before</em> is the first steady phase (old release, after the warm-up), <em>during</em>
 * all rolling steps together, <em>after</em> the last steady phase (new release). Latencies in milliseconds, as the
 * client saw them through the router.
 *
 * @param sent        requests sent in the whole round (warm-up included)
 * @param failed      requests of the whole round that did not succeed
 * @param rollFailed  of those, the ones sent during the rolling steps
 * @param rollSeconds how long the rolling steps took, all three nodes replaced
 * @param nodeP99Before the nodes' share of p99 before as the router measured it (its request to the node's answer,
 *                    a new connection's connect included); the rest of a latency is the router and the loopback hops
 * @param nodeP99During the same during the roll
 * @param checked     null when the store's record is right (every task ran exactly once, the data version is the
 *                    target's), otherwise what is wrong
 */
record RollingRound(int number, long sent, long failed, long rollSent, long rollFailed, double rollSeconds,
                    double p50Before, double p99Before, double p50During, double p99During, double p50After,
                    double p99After, double nodeP99Before, double nodeP99During, String checked) {

    double ratio() {
        return p99During / p99Before;
    }

    /** Against the steady window of the new release: a check on the before window, which may be not yet warm. */
    double ratioAfter() {
        return p99During / p99After;
    }

    static RollingRound of(int number, DemoSummary summary) {
        List<Phase> phases = summary.phases();
        List<Phase> steady = phases.stream().filter(p -> "steady".equals(p.kind())).toList();
        List<Phase> rolling = phases.stream().filter(p -> "rolling".equals(p.kind())).toList();
        if (steady.size() < 2 || rolling.isEmpty()) {
            throw new IllegalStateException("the demo's summary lacks a steady phase before and after the roll: "
                    + phases.stream().map(Phase::name).toList());
        }
        Requests before = steady.get(0).requests();
        Requests after = steady.get(steady.size() - 1).requests();
        Requests roll = summary.rolling();
        Requests total = summary.total();
        double rollMs = rolling.stream().mapToLong(p -> p.endMs() - p.startMs()).sum();
        String checked = null;
        if (!summary.eachTaskOnce()) {
            checked = "a task ran more than once";
        } else if (!summary.dataVersion().equals(summary.expectedDataVersion())) {
            checked = "data version " + summary.dataVersion() + ", expected " + summary.expectedDataVersion();
        }
        return new RollingRound(number, total.sent(), total.failed(), roll.sent(), roll.failed(), rollMs / 1000.0,
                before.p50Ms(), before.p99Ms(), roll.p50Ms(), roll.p99Ms(), after.p50Ms(), after.p99Ms(),
                before.upstreamP99Ms(), roll.upstreamP99Ms(), checked);
    }
}
