package io.upsilon.bench;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code ready-ours PORT DB NODE TASK_MS}: one Upsilon service node for the {@code ready} benchmark, built as a real
 * service builds it: an {@link UpsilonNode} on the PostgreSQL backend (advisory lock, node registry, LISTEN/NOTIFY
 * change feed) with the default intervals, software version 1.1. The data is at 1.0; 1.1 has one Java task that
 * takes {@code TASK_MS}. The node that wins the lock runs it and goes READY; the others go WAITING and become READY
 * when the data version's notification arrives. Prints {@code READY ms} at the state change itself.
 */
final class ReadyOursNode {

    private ReadyOursNode() {
    }

    /** Version 1.0 creates the runs table (applied by the harness before the race); 1.1 is the pending task. */
    static Manifest manifest(long taskMillis) {
        return Manifest.of("ready-bench", List.of(
                TaskDefinition.of(Version.parse("1.0"), "create-runs", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        try (Statement s = context.connection().createStatement()) {
                            s.execute(ReadyNode.RUNS_TABLE_SQL);
                        }
                    }
                }),
                TaskDefinition.of(Version.parse("1.1"), "slow-task", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        ReadyNode.runTask(context.connection(), context.nodeId(), taskMillis);
                    }
                })));
    }

    static void main(String[] args) throws Exception {
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        String nodeId = args[2];
        long taskMillis = Long.parseLong(args[3]);
        PostgresBackend backend = PostgresBackend.create(ds);
        UpsilonConfig config = UpsilonConfig.builder()
                .manifest(manifest(taskMillis))
                .softwareVersion(Version.parse("1.1"))
                .store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, nodeId))
                .nodeId(nodeId)
                .callback((event, context) -> {
                    long now = System.currentTimeMillis();
                    if (event == UpgradeEvent.STATE_CHANGED && context.state().orElseThrow() == NodeState.READY) {
                        ReadyNode.say("READY " + now);
                    } else {
                        // the timeline, for the report's breakdown of where the time after the task goes
                        ReadyNode.say("EVENT " + event + (event == UpgradeEvent.STATE_CHANGED
                                ? "_" + context.state().orElseThrow() : "") + " " + now);
                    }
                })
                .build();
        UpsilonNode node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed()).build();
        ReadyNode.awaitGo();
        node.start();
        if (!node.awaitState(NodeState.READY, Duration.ofMinutes(2))) {
            ReadyNode.say("NOT_READY " + node.state());
        }
        ReadyNode.awaitEnd();
        node.close();
    }
}
