package io.upsilon.demo;

import io.upsilon.examples.transfers.TransferApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests to the router at a steady rate (open loop: a slow answer does not slow the sender). Four in five
 * are {@code POST /transfers}, one in five a {@code GET} of a transfer created earlier. The API versions it may use
 * are set by the demo as the rollout goes ({@link #allow}): only versions every release in the cluster serves, and
 * {@code quoteId} on v1 only when every release accepts it there. When v1 and v2 are both allowed it alternates.
 */
final class LoadGenerator implements AutoCloseable {

    /**
     * One request as the client saw it; {@code upstreamMicros} is the node's share as the router measured it
     * ({@link DemoRouter#TIMING_HEADER}), -1 when the router did not forward the request.
     */
    record Sample(long startMillis, long latencyMicros, long upstreamMicros, int status, String phase, String method,
                  String api, String servedBy, String error) {
        boolean ok() {
            return status == 201 || status == 200;
        }
    }

    private final URI base;
    private final long startNanos;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "load-ticker"));
    private final ExecutorService senders = Executors.newFixedThreadPool(400, r -> daemon(r, "load-sender"));
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong counter = new AtomicLong();
    private final Map<Long, Boolean> pending = new ConcurrentHashMap<>();
    private volatile String phase = "start";
    private volatile List<String> apis = List.of("v1");
    private volatile boolean v1QuoteId;

    LoadGenerator(int routerPort, long startNanos) {
        this.base = URI.create("http://127.0.0.1:" + routerPort);
        this.startNanos = startNanos;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void phase(String name) {
        this.phase = name;
    }

    void allow(List<String> apiVersions, boolean quoteIdOnV1) {
        this.apis = List.copyOf(apiVersions);
        this.v1QuoteId = quoteIdOnV1;
    }

    void start(int ratePerSecond) {
        long period = 1_000_000_000L / Math.max(1, ratePerSecond);
        ticker.scheduleAtFixedRate(() -> {
            long n = counter.incrementAndGet();
            pending.put(n, true);
            senders.execute(() -> {
                try {
                    send(n);
                } finally {
                    pending.remove(n);
                }
            });
        }, 0, period, TimeUnit.NANOSECONDS);
    }

    /** Stops sending and waits for the answers still outstanding. */
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void send(long n) {
        String phaseNow = phase;
        List<String> apisNow = apis;
        String api = apisNow.get((int) (n % apisNow.size()));
        boolean get = n % 5 == 0 && !created.isEmpty();
        HttpRequest.Builder req;
        if (get) {
            String id = created.get(ThreadLocalRandom.current().nextInt(created.size()));
            req = HttpRequest.newBuilder(base.resolve("/transfers/" + id)).GET();
        } else {
            String id = UUID.randomUUID().toString();
            boolean quote = "v2".equals(api) || "v1".equals(api) && v1QuoteId && n % 2 == 0;
            String body = "{\"transferId\":\"" + id + "\",\"payerFsp\":\"dfsp-a\",\"payeeFsp\":\"dfsp-b\","
                    + "\"amount\":\"" + (1 + n % 500) + ".00\",\"currency\":\"EUR\""
                    + (quote ? ",\"quoteId\":\"" + UUID.randomUUID() + "\"" : "") + "}";
            req = HttpRequest.newBuilder(base.resolve("/transfers")).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        req.header(TransferApi.API_HEADER, api).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(15));
        long t0 = System.nanoTime();
        long startMillis = TimeUnit.NANOSECONDS.toMillis(t0 - startNanos);
        try {
            HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
            String servedBy = r.headers().firstValue("X-Served-By").orElse("-");
            boolean ok = r.statusCode() == 200 || r.statusCode() == 201;
            if (!get && r.statusCode() == 201) {
                String body = r.body();
                int at = body.indexOf("\"transferId\":\"");
                if (at >= 0) {
                    created.add(body.substring(at + 14, at + 50));
                }
            }
            long upstream = r.headers().firstValue(DemoRouter.TIMING_HEADER).map(LoadGenerator::upstreamMicros)
                    .orElse(-1L);
            samples.add(new Sample(startMillis, micros, upstream, r.statusCode(), phaseNow, get ? "GET" : "POST", api,
                    servedBy, ok ? null : r.body()));
        } catch (Exception e) {
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
            samples.add(new Sample(startMillis, micros, -1, 0, phaseNow, get ? "GET" : "POST", api, "-",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** {@code upstream;dur=4.125} → 4125; -1 when the header has another form. */
    static long upstreamMicros(String serverTiming) {
        int at = serverTiming.indexOf("upstream;dur=");
        if (at < 0) {
            return -1;
        }
        try {
            return Math.round(Double.parseDouble(serverTiming.substring(at + 13).split("[,;]")[0].trim()) * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        senders.shutdownNow();
    }
}
