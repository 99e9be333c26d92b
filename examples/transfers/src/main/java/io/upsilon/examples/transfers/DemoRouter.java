package io.upsilon.examples.transfers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's load balancer: an in-process HTTP reverse proxy (JDK {@code HttpServer}) that spreads requests round
 * robin over the nodes in its rotation, like a Kubernetes Service in front of a Deployment.
 *
 * <ul>
 *   <li><b>Readiness-aware</b> (default): a node gets requests only while its {@code /health/ready} answers 200,
 *       polled every 100 ms, like a readiness probe.</li>
 *   <li><b>Draining</b>: {@link #remove} takes a node out of the rotation at once (no new request is sent to it);
 *       {@link #awaitIdle} then waits until the requests already sent to it have answered.</li>
 *   <li><b>Naive</b> ({@code readinessGating = false}): routes to every node in its rotation whether it is ready or
 *       not, which is what a rollout without probes does.</li>
 * </ul>
 * It never retries a request on another node: a failure is counted as the client would see it.
 */
final class DemoRouter implements AutoCloseable {

    private final java.util.concurrent.atomic.AtomicLong moved = new java.util.concurrent.atomic.AtomicLong();

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

    private final boolean readinessGating;
    private final List<Backend> backends = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService handlers = Executors.newFixedThreadPool(400, r -> {
        Thread t = new Thread(r, "demo-router");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-router-probe");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer server;
    private int next;

    DemoRouter(boolean readinessGating) throws IOException {
        this.readinessGating = readinessGating;
        // The JDK server leaves Nagle's algorithm on unless told (read once, at its first use in the JVM): a response
        // written as headers then body then waits for the client's delayed ACK, ~40 ms. That was the rolling
        // benchmark's flat 44 ms windows: with it off, 130 of 300 sequential requests took 38-48 ms (p50 48 ms); on,
        // 2 of 300 (p50 2 ms).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        probes.scheduleWithFixedDelay(this::probe, 0, 100, TimeUnit.MILLISECONDS);
    }

    int port() {
        return server.getAddress().getPort();
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

    synchronized int routable() {
        return (int) backends.stream().filter(this::routable).count();
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

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            // a node of a cluster the service moved away from answers the requests its gate held during the
            // cut-over with 503 and X-Upsilon-Moved (it did nothing with them): send them once more, to the nodes
            // the router now points at
            for (int attempt = 0; ; attempt++) {
                Backend b = pick();
                if (b == null) {
                    reply(ex, 503, "{\"errorCode\":\"NO_BACKEND\",\"message\":\"no ready node\"}");
                    return;
                }
                try {
                    if (!b.node.listening()) {
                        reply(ex, 502, "{\"errorCode\":\"BAD_GATEWAY\",\"message\":\"node " + b.node
                                + " is not listening yet\"}");
                        return;
                    }
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + b.node.appPort() + ex.getRequestURI())).timeout(Duration.ofSeconds(15));
                    String api = ex.getRequestHeaders().getFirst(TransferApi.API_HEADER);
                    if (api != null) {
                        req.header(TransferApi.API_HEADER, api);
                    }
                    req.header("Content-Type", "application/json");
                    req.method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
                    HttpResponse<byte[]> r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() == 503 && r.headers().firstValue(TransferNode.MOVED_HEADER).isPresent()
                            && attempt < 2) {
                        moved.incrementAndGet();
                        continue;
                    }
                    for (String h : new String[] {"X-Served-By", "X-Release", "Retry-After"}) {
                        r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().add(h, v));
                    }
                    reply(ex, r.statusCode(), r.body());
                    return;
                } catch (IOException e) {
                    reply(ex, 502, "{\"errorCode\":\"BAD_GATEWAY\",\"message\":\"" + b.node + ": "
                            + String.valueOf(e.getMessage()).replace('"', '\'') + "\"}");
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reply(ex, 502, "{}");
                    return;
                } finally {
                    done(b);
                }
            }
        }
    }

    /** Requests re-sent because a node of the cluster moved away from answered them with X-Upsilon-Moved. */
    long movedAndResent() {
        return moved.get();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        reply(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
    }
}
