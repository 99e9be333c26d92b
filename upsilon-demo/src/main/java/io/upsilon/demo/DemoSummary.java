package io.upsilon.demo;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Set;

/**
 * What one demo run measured and found: the JSON document {@code upsilon demo --json} prints, the data of the HTML
 * report, and what the rolling benchmark ({@code upsilon-bench}) reads. Latencies are in milliseconds as the client
 * saw them through the router; times ({@code tMs}, {@code startMs}, {@code endMs}) count from the demo's start.
 *
 * @param mode                    "rolling" (readiness gating and draining) or "naive"
 * @param chain                   the planned steps from {@code from} to {@code to}
 * @param rolling                 the requests of all rolling steps together
 * @param total                   every request of the run
 * @param eachTaskOnce            whether every manifest task succeeded exactly once (a rollback's rows not counted)
 * @param transfers               transfers stored in the database serving at the end
 * @param transfersWithoutQuoteId of those, the ones without a quote id
 * @param move                    the side-by-side move, or null when it did not run
 * @param rollback                the rollback leg, or null when it did not run
 * @param timeline                the requests per 500 ms, for the chart
 * @param workDir                 where the databases and node logs are
 */
public record DemoSummary(String mode, int nodes, int rate, String from, String to, List<Step> chain,
                          List<Phase> phases, Requests rolling, Requests total, List<Task> tasks, boolean eachTaskOnce,
                          String dataVersion, String expectedDataVersion, long transfers, long transfersWithoutQuoteId,
                          Move move, Rollback rollback, double durationSeconds, List<Event> events,
                          List<Bucket> timeline, String workDir) {

    /**
     * Requests of a phase or a group of phases. {@code upstreamP50Ms} and {@code upstreamP99Ms} are the nodes' share
     * as the router measured it (from handing a request to its HTTP client until the node's answer, a new
     * connection's connect included), over the forwarded requests; the rest of {@code p50Ms} / {@code p99Ms} is the
     * router's queue and the two loopback hops.
     */
    public record Requests(long sent, long succeeded, long failed, double p50Ms, double p99Ms,
                           Set<String> apiVersions, double upstreamP50Ms, double upstreamP99Ms) {
    }

    /**
     * One phase of the run.
     *
     * @param kind "warm-up", "steady", "rolling", "rollback" or "move"
     */
    public record Phase(String name, String kind, long startMs, long endMs, @JsonUnwrapped Requests requests) {
    }

    /** One step of a release chain, forward or back. */
    public record Step(int step, String from, String to, List<String> apiBefore, List<String> apiAfter,
                       String dataBefore, String dataAfter, List<String> tasksRolledBack) {
    }

    /** One row of the history table. */
    public record Task(String version, String task, String status, String node, long fencingToken,
                       long durationMs) {
    }

    /** Something that happened, at {@code tMs}. */
    public record Event(long tMs, String event) {
    }

    /** The requests started in one 500 ms interval; upstream as in {@link Requests}. */
    public record Bucket(long tMs, long sent, long succeeded, long failed, double p50Ms, double p99Ms, String phase,
                         double upstreamP50Ms, double upstreamP99Ms) {
    }

    /**
     * The side-by-side move to a new cluster (which runs a newer PostgreSQL major where binaries exist).
     *
     * @param cutOver             whether the cut-over completed; when not, the fields after it are empty
     * @param mismatches          rows that differ after the final catch-up, -1 when verification did not run
     * @param windowHeldMs        how long the maintenance windows held requests
     * @param heldAndResent       requests held at the old gates, answered MOVED and re-sent to the new cluster
     * @param lateRows            rows written on the old database after the final catch-up (expected 0)
     * @param missingInNewCluster transfers of the old database missing in the new one (expected 0)
     * @param requests            the requests of the move phase
     */
    public record Move(String postgresOld, String postgresNew, int catchUpRuns, long rowsMigrated, long rowsVerified,
                       long mismatches, boolean verified, boolean cutOver, long windowHeldMs,
                       List<String> newClusterTasks, long heldAndResent, long lateRows, long oldClusterRows,
                       long newClusterRows, long missingInNewCluster, Requests requests) {

        Move withRequests(Requests during) {
            return new Move(postgresOld, postgresNew, catchUpRuns, rowsMigrated, rowsVerified, mismatches, verified,
                    cutOver, windowHeldMs, newClusterTasks, heldAndResent, lateRows, oldClusterRows, newClusterRows,
                    missingInNewCluster, during);
        }
    }

    /**
     * The rollback leg back to the first release.
     *
     * @param releaseHistory the store's release history afterwards, oldest first
     * @param requests       the requests of the rollback steps
     */
    public record Rollback(String from, String to, List<Step> chain, List<String> releaseHistory, String dataVersion,
                           Requests requests) {

        Rollback withRequests(Requests during) {
            return new Rollback(from, to, chain, releaseHistory, dataVersion, during);
        }
    }
}
