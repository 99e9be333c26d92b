package io.upsilon.reliability.secrets;

import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.Stores;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import io.upsilon.postgres.PostgresBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Library calls made the way an application embeds Upsilon, with a {@link PGSimpleDataSource} holding the password:
 * a wrong password (every call must fail) and the right one (an upgrade that fails in its task, a node, a migration).
 * The message of every exception, with its causes and suppressed exceptions, goes to the workspace's exceptions
 * file, one block per call, for the test to search.
 */
final class ApiProbes {

    private final Workspace workspace;
    private final int port;

    ApiProbes(Workspace workspace, int port) {
        this.workspace = workspace;
        this.port = port;
    }

    PGSimpleDataSource dataSource(String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PasswordServer.url(port, PasswordServer.APP));
        ds.setPassword(password);
        return ds;
    }

    Upsilon upsilon(DataSource dataSource, String nodeId) {
        PostgresBackend backend = PostgresBackend.create(dataSource);
        return Upsilon.create(config(backend, nodeId));
    }

    UpsilonConfig config(PostgresBackend backend, String nodeId) {
        Manifest manifest = Manifest.load(workspace.manifest().resolve("upsilon.tasks"), getClass().getClassLoader());
        return UpsilonConfig.builder().manifest(manifest).store(backend.store()).nodeId(nodeId)
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, nodeId)).lockWaitTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Calls with a wrong password: each must throw, and its messages are recorded. */
    void wrongPassword(String wrong) {
        DataSource ds = dataSource(wrong);
        expectFailure("Upsilon.upgrade, wrong password", () -> upsilon(ds, "api-wrong").upgrade());
        expectFailure("Upsilon.dataVersion, wrong password", () -> upsilon(ds, "api-wrong").dataVersion());
        expectFailure("Upsilon.history, wrong password", () -> upsilon(ds, "api-wrong").history());
        PostgresBackend backend = PostgresBackend.create(ds);
        expectFailure("UpsilonNode.start, wrong password", () -> UpsilonNode.builder(config(backend,
                "api-node-wrong")).registry(backend.nodes()).feed(backend.feed()).build().start());
    }

    /** A migrator whose source password is wrong: its checks must fail, saying the password was refused. */
    void wrongMigrationPassword() {
        String message = expectFailure("Migrator.create, wrong source password", () -> migrator(Workspace.WRONG_ENV));
        if (!message.contains("password authentication failed")) {
            System.out.println("VIOLATION a migration with a wrong password fails without saying that the password"
                    + " was refused");
        }
    }

    /** An upgrade with the right password whose 1.1 task fails: the error must come back without the password. */
    void failingUpgrade(String password) {
        expectFailure("Upsilon.upgrade, failing task", () -> upsilon(dataSource(password), "api-right").upgrade());
    }

    /** A node of software version 1.0 with the right password, READY on data version 1.0. */
    UpsilonNode readyNode(String password) throws InterruptedException {
        PostgresBackend backend = PostgresBackend.create(dataSource(password));
        UpsilonConfig config = config(backend, "api-node").toBuilder().softwareVersion(Version.parse("1.0")).build();
        UpsilonNode node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed()).build().start();
        if (!node.awaitState(NodeState.READY, Duration.ofSeconds(20))) {
            System.out.println("VIOLATION the node with the right password is " + node.state() + ", not READY");
        }
        return node;
    }

    /** A migration run and verification through the API with the right passwords. */
    void migration() {
        try (Migration m = migrator(Workspace.SOURCE_ENV)) {
            m.migrator.run(Optional.empty(), Migrator.Deletes.PROPAGATE, MigrationListener.none());
            if (!m.migrator.verify(5).matches()) {
                System.out.println("VIOLATION the API migration does not verify");
            }
        }
    }

    private record Migration(SourceStore source, TargetStore target, Migrator migrator) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(source);
            closeQuietly(target);
        }
    }

    private Migration migrator(String sourceEnv) {
        MigrationSpec spec = MigrationSpec.load(sourceEnv.equals(Workspace.WRONG_ENV) ? workspace.wrongSpec()
                : workspace.spec());
        Map<String, String> env = System.getenv();
        SourceStore source = Stores.source(spec.source(), env);
        TargetStore target = Stores.target(spec.target(), env);
        try {
            return new Migration(source, target, Migrator.create(spec, source, target, getClass().getClassLoader()));
        } catch (RuntimeException e) {
            closeQuietly(source);
            closeQuietly(target);
            throw e;
        }
    }

    private static void closeQuietly(Object store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // the exception of the call itself is what the probe records
            }
        }
    }

    private interface Call {
        Object call() throws Exception;
    }

    /** Runs {@code call}, which must throw; returns what was recorded of the exception ("" when none). */
    private String expectFailure(String where, Call call) {
        try {
            call.call();
            System.out.println("VIOLATION " + where + ": no exception");
            return "";
        } catch (Exception e) {
            return record(where, e);
        }
    }

    /** Appends the messages of {@code e}, its causes and suppressed exceptions, under a {@code == where} line. */
    synchronized String record(String where, Throwable e) {
        StringBuilder text = new StringBuilder("== " + where + "\n");
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        messages(e, text, seen);
        try {
            Files.writeString(workspace.exceptions(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException io) {
            throw new IllegalStateException("cannot write " + workspace.exceptions(), io);
        }
        return text.toString();
    }

    private static void messages(Throwable e, StringBuilder text, Set<Throwable> seen) {
        if (e == null || !seen.add(e)) {
            return;
        }
        text.append(e).append('\n');
        for (Throwable suppressed : e.getSuppressed()) {
            messages(suppressed, text, seen);
        }
        messages(e.getCause(), text, seen);
    }
}
