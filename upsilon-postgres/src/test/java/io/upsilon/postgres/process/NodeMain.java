package io.upsilon.postgres.process;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresSettings;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One node as its own OS process, for the multi-process tests. Arguments: JDBC URL, lock kind (ADVISORY or LEASE),
 * node id, lease TTL in ms, and how long the slow task sleeps in ms. Prints one line per event the parent waits for:
 * {@code EVENT name epochMillis token}, {@code IN_TASK name}, {@code RESULT outcome dataVersion} or
 * {@code ERROR code message}; exits with the error's exit code.
 */
public final class NodeMain {

    private NodeMain() {
    }

    /** Inserts a row naming its node and token, announces itself, then sleeps: the window in which tests strike. */
    public static final class SlowTask extends BaseUpgradeTask {
        static long sleepMillis;

        @Override
        public void execute(TaskContext context) throws Exception {
            insert(context, "slow");
            System.out.println("IN_TASK slow " + System.currentTimeMillis());
            Thread.sleep(sleepMillis);
        }
    }

    /** Inserts a row naming its node and token. */
    public static final class QuickTask extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            insert(context, "quick");
        }
    }

    static void insert(TaskContext context, String task) throws Exception {
        try (Statement s = context.connection().createStatement()) {
            s.execute("INSERT INTO runs (task, node, token) VALUES ('" + task + "', '" + context.nodeId() + "', "
                    + context.fencingToken() + ")");
        }
    }

    static Manifest manifest() {
        return Manifest.of("process-test", List.of(
                TaskDefinition.of(Version.parse("1.0"), "create", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        try (Statement s = context.connection().createStatement()) {
                            s.execute("CREATE TABLE runs (task text, node text, token bigint)");
                        }
                    }
                }),
                TaskDefinition.of(Version.parse("1.0"), "slow", SlowTask::new),
                TaskDefinition.of(Version.parse("1.1"), "quick", QuickTask::new)));
    }

    public static void main(String[] args) {
        String url = args[0];
        PostgresBackend.LockKind kind = PostgresBackend.LockKind.valueOf(args[1]);
        String nodeId = args[2];
        Duration ttl = Duration.ofMillis(Long.parseLong(args[3]));
        SlowTask.sleepMillis = Long.parseLong(args[4]);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setApplicationName("upsilon:" + nodeId);
        PostgresBackend backend = PostgresBackend.create(ds, PostgresSettings.builder().leaseTtl(ttl).build());
        Upsilon upsilon = Upsilon.create(UpsilonConfig.builder().manifest(manifest()).store(backend.store())
                .lock(backend.lock(kind, nodeId)).nodeId(nodeId).lockWaitTimeout(Duration.ofSeconds(60))
                .callback((event, context) -> {
                    if (event == UpgradeEvent.LOCK_ACQUIRED || event == UpgradeEvent.LOCK_WAITING) {
                        System.out.println("EVENT " + event + " " + System.currentTimeMillis() + " "
                                + context.fencingToken());
                    }
                }).build());
        try {
            UpgradeResult result = upsilon.upgrade();
            System.out.println("RESULT " + result.outcome() + " " + result.after().map(Version::toString).orElse("-"));
            System.exit(0);
        } catch (UpsilonException e) {
            System.out.println("ERROR " + e.code() + " " + e.getMessage());
            System.exit(e.code().exitCode());
        }
    }
}
