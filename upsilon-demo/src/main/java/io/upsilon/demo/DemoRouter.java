package io.upsilon.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.upsilon.examples.transfers.TransferApi;
import io.upsilon.examples.transfers.TransferNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo's load balancer: an in-process HTTP reverse proxy (Javalin, on Jetty) that spreads requests round robin
 * over the nodes in its rotation, like a Kubernetes Service in front of a Deployment. It forwards with the JDK's
 * {@link HttpClient}, asynchronously: a request a node's gate holds during a maintenance window holds no thread.
 *
 * <ul>
 *   <li><b>Readiness-aware</b> (default): a node gets requests only while its {@code /health/ready} answers 200,
 *       polled every 100 ms, like a readiness probe.</li>
 *   <li><b>Draining</b>: {@link #remove} takes a node out of the rotation at once (no new request is sent to it);
 *       {@link #awaitIdle} then waits until the requests already sent to it have answered.</li>
 *   <li><b>Naive</b> ({@code readinessGating = false}): routes to every node in its rotation whether it is ready or
 *       not, which is what a rollout without probes does.</li>
 * </ul>
 * It never retries a failed request on another node: a failure is counted as the client would see it. The one
 * exception is an answer 503 with {@code X-Upsilon-Moved}: a node of a cluster the service moved away from did
 * nothing with a request its gate held during the cut-over, so it is sent once more, to the nodes the router now
 * points at.
 */
final class DemoRouter implements AutoCloseable {

    /** The answer headers passed back to the client. */
    private static final List<String> PASSED_BACK = List.of("X-Served-By", "X-Release", "Retry-After");
    private static final int MAX_RESENDS = 2;

    /** One node behind the router. */
    static final class Backend {
        final NodeProcess node;
        volatile boolean ready;
        volatile boolean inRotation = true;
        int inFlight; // guarded by the router

        Backend(NodeProcess node) {
            this.node = node;
        }
    }

    /**
     * The answer header that tells the client how long the node took, as the router saw it: from handing the request
     * to its HTTP client until the node's answer arrived (a new connection's connect included), in the standard
     * {@code Server-Timing} form, {@code upstream;dur=<ms>}. The client's latency minus this is the router's own
     * share: its queue and both hops on the loopback.
     */
    static final String TIMING_HEADER = "Server-Timing";

    /** What goes back to the client. */
    private record Answer(int status, byte[] body, Map<String, String> headers) {
        static Answer error(int status, String code, String message) {
            String json = "{\"errorCode\":\"" + code + "\",\"message\":\"" + message.replace('"', '\'') + "\"}";
            return new Answer(status, json.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    private final boolean readinessGating;
    private final List<Backend> backends = new ArrayList<>();
    private final AtomicLong moved = new AtomicLong();
    /**
     * Within the request's 15 s: when the machine is overloaded, answers slow down, the client opens a connection per
     * request in flight, and a node's accept queue (the JVM's default of 50) overflows; the kernel drops the SYN and
     * the next attempt comes 1 s, then 3 s and 7 s after the first. A 2 s timeout failed such requests with 502
     * "HTTP connect timed out" (the rolling benchmark at load average 30-90) where a real balancer would have waited.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-router-probe");
        t.setDaemon(true);
        return t;
    });
    private final Javalin server;
    private int next;

    DemoRouter(boolean readinessGating) {
        this.readinessGating = readinessGating;
        server = Javalin.create(c -> c.showJavalinBanner = false);
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                HandlerType.DELETE)) {
            server.addHttpHandler(method, "/*", this::handle);
        }
        server.start("127.0.0.1", 0);
        // Small answers must not wait for the client's delayed ACK (Nagle's algorithm, ~40 ms): that was once the
        // rolling benchmark's flat 44 ms windows, with the JDK's HttpServer. Jetty turns TCP_NODELAY on for every
        // accepted connection by default; said here so that it stays so.
        for (Connector connector : server.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector accepting) {
                accepting.setAcceptedTcpNoDelay(true);
            }
        }
        probes.scheduleWithFixedDelay(this::probe, 0, 100, TimeUnit.MILLISECONDS);
    }

    int port() {
        return server.port();
    }

    /** Puts {@code node} into the rotation. */
    synchronized Backend add(NodeProcess node) {
        Backend b = new Backend(node);
        b.ready = node.ready();
        backends.add(b);
        return b;
    }

    /** Takes the node out of the rotation: no new request goes to it from now on. */
    synchronized void remove(Backend b) {
        b.inRotation = false;
        backends.remove(b);
    }

    /** Waits until the requests already routed to {@code b} have answered; false after {@code timeout}. */
    synchronized boolean awaitIdle(Backend b, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (b.inFlight > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private boolean routable(Backend b) {
        return b.inRotation && (!readinessGating || b.ready) && b.node.listening();
    }

    private synchronized Backend pick() {
        for (int i = 0; i < backends.size(); i++) {
            Backend b = backends.get(next++ % backends.size());
            if (readinessGating ? routable(b) : b.inRotation) {
                b.inFlight++;
                return b;
            }
        }
        return null;
    }

    private synchronized void done(Backend b) {
        b.inFlight--;
        notifyAll();
    }

    private void probe() {
        List<Backend> now;
        synchronized (this) {
            now = List.copyOf(backends);
        }
        for (Backend b : now) {
            b.ready = b.node.ready();
        }
    }

    private void handle(Context ctx) {
        String query = ctx.queryString();
        String path = ctx.path() + (query == null ? "" : "?" + query);
        String method = ctx.method().name();
        String api = ctx.header(TransferApi.API_HEADER);
        byte[] body = ctx.bodyAsBytes();
        ctx.future(() -> forward(method, path, api, body, 0).thenAccept(answer -> {
            answer.headers().forEach(ctx::header);
            ctx.status(answer.status()).contentType("application/json");
            if (answer.body().length > 0) {
                ctx.result(answer.body());
            }
        }));
    }

    private CompletableFuture<Answer> forward(String method, String path, String api, byte[] body, int attempt) {
        Backend b = pick();
        if (b == null) {
            return CompletableFuture.completedFuture(Answer.error(503, "NO_BACKEND", "no ready node"));
        }
        if (!b.node.listening()) {
            done(b);
            return CompletableFuture.completedFuture(Answer.error(502, "BAD_GATEWAY", "node " + b.node
                    + " is not listening yet"));
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.node.appPort() + path))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (api != null) {
            req.header(TransferApi.API_HEADER, api);
        }
        long sent = System.nanoTime();
        return client.sendAsync(req.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((r, failure) -> {
                    long upstreamMicros = (System.nanoTime() - sent) / 1_000;
                    done(b);
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        return CompletableFuture.completedFuture(Answer.error(502, "BAD_GATEWAY", b.node + ": "
                                + cause.getMessage()));
                    }
                    if (r.statusCode() == 503 && r.headers().firstValue(TransferNode.MOVED_HEADER).isPresent()
                            && attempt < MAX_RESENDS) {
                        moved.incrementAndGet();
                        return forward(method, path, api, body, attempt + 1);
                    }
                    Map<String, String> headers = new LinkedHashMap<>();
                    PASSED_BACK.forEach(h -> r.headers().firstValue(h).ifPresent(v -> headers.put(h, v)));
                    headers.put(TIMING_HEADER, "upstream;dur=" + upstreamMicros / 1000 + "."
                            + String.format(Locale.ROOT, "%03d", upstreamMicros % 1000));
                    return CompletableFuture.completedFuture(new Answer(r.statusCode(), r.body(), headers));
                })
                .thenCompose(answer -> answer);
    }

    /** Requests re-sent because a node of the cluster moved away from answered them with X-Upsilon-Moved. */
    long movedAndResent() {
        return moved.get();
    }

    @Override
    public void close() {
        probes.shutdownNow();
        server.stop();
    }
}
