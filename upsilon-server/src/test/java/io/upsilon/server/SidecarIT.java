package io.upsilon.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Sidecar}: the node and its endpoint started and stopped as one, on a real PostgreSQL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SidecarIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PostgresBackend backend;
    private UpsilonConfig config;

    @BeforeEach
    void setUp() {
        TestDatabase db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource("upsilon:side-1"));
        Manifest manifest = Manifest.of("test", List.of(TaskDefinition.of(Version.parse("1.0"), "noop",
                NoopTask::new)));
        config = UpsilonConfig.builder().manifest(manifest).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "side-1")).nodeId("side-1").build();
    }

    /** A task with nothing to do. */
    static final class NoopTask extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) {
        }
    }

    private Sidecar.Builder sidecar() {
        return Sidecar.builder(config, backend.nodes(), backend.feed(), backend.maintenance()).port(0);
    }

    @Test
    void listensThenRunsTheNodeAndClosesNodeServerAndResourcesOnce() throws Exception {
        List<String> closed = new ArrayList<>();
        Sidecar.Builder builder = sidecar();
        builder.closing(() -> closed.add("first"));
        builder.closing(() -> closed.add("second"));
        Sidecar sidecar = builder.build();
        assertThat(sidecar.nodeId()).isEqualTo("side-1");
        assertThat(sidecar.softwareVersion()).isEqualTo(Version.parse("1.0"));

        sidecar.listen();
        assertThat(sidecar.url()).startsWith("http://127.0.0.1:").doesNotEndWith(":0");
        assertThat(sidecar.describe()).isEqualTo("Listening on " + sidecar.url() + " as node side-1 (software version"
                + " 1.0, serves data versions " + sidecar.node().window() + ", " + config.lock().kind() + " lock)");
        assertThat(get(sidecar, "/health/ready")).as("not started yet").isEqualTo(503);
        sidecar.startNode();
        assertThat(sidecar.node().awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
        assertThat(get(sidecar, "/health/ready")).isEqualTo(200);
        assertThat(backend.nodes().nodes()).extracting(n -> n.nodeId()).containsExactly("side-1");
        assertThat(sidecar.stopping()).isEqualTo("it deletes its row from the node table.");

        String url = sidecar.url();
        sidecar.close();
        sidecar.close();
        assertThat(closed).as("newest first, once").containsExactly("second", "first");
        assertThat(backend.nodes().nodes()).as("the node left the table").isEmpty();
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health/up")).build(),
                HttpResponse.BodyHandlers.discarding())).as("the server stopped").isInstanceOf(IOException.class);
    }

    @Test
    void aTakenPortIsBadInputNamingTheAddress() throws Exception {
        try (Sidecar first = sidecar().build().listen()) {
            int taken = Integer.parseInt(first.url().substring(first.url().lastIndexOf(':') + 1));
            try (Sidecar second = sidecar().port(taken).build()) {
                assertThatThrownBy(second::listen).isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("cannot listen on 127.0.0.1:" + taken + " (")
                            .doesNotContain("\n");
                });
            }
        }
    }

    @Test
    void runUntilStoppedStartsTheNodeAndAnInterruptClosesItAndKeepsTheFlag() throws Exception {
        Sidecar sidecar = sidecar().build().listen();
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean flagAfter = new java.util.concurrent.atomic.AtomicBoolean();
        Thread main = new Thread(() -> {
            sidecar.runUntilStopped(s -> told.add(s.nodeId()));
            flagAfter.set(Thread.currentThread().isInterrupted());
        }, "sidecar-main");
        main.start();
        assertThat(sidecar.node().awaitState(NodeState.READY, Duration.ofSeconds(30))).as("started by the call")
                .isTrue();
        assertThat(main.isAlive()).as("serving until stopped").isTrue();
        String url = sidecar.url();

        main.interrupt();
        main.join(30_000);
        assertThat(main.isAlive()).isFalse();
        assertThat(flagAfter).as("the interrupt flag is set again").isTrue();
        assertThat(told).as("stopping is for JVM shutdown only").isEmpty();
        assertThat(backend.nodes().nodes()).as("closed: the node left the table").isEmpty();
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health/up")).build(),
                HttpResponse.BodyHandlers.discarding())).as("the server stopped").isInstanceOf(IOException.class);
    }

    private static int get(Sidecar sidecar, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sidecar.url() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
