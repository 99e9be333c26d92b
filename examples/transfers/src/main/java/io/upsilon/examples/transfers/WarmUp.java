package io.upsilon.examples.transfers;

import io.upsilon.NodeState;
import io.upsilon.UpsilonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own readiness after the data's: once the node is READY, it sends its own API requests that change
 * nothing (a read of a transfer that does not exist, a create the validation refuses), several at a time, so the
 * request paths are loaded and compiled and the connection pool holds several connections before the router sends
 * this node a share of the traffic. Without it a new node's first requests pay for all that, and the p99 of a
 * rolling upgrade shows it. {@link #done()} is what {@code UpsilonServer.Builder.serviceReady} asks.
 */
final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** Rounds of requests; each round sends {@link #PARALLEL} reads and as many refused creates at once. */
    private static final int ROUNDS = 60;
    /** As many as the pool's connections, so the pool opens them now rather than under load. */
    private static final int PARALLEL = 6;

    private final AtomicBoolean done = new AtomicBoolean();

    boolean done() {
        return done.get();
    }

    /** Starts warming up in the background once {@code node} is READY; {@link #done()} turns true at the end. */
    void startAfterReady(UpsilonNode node, int apiPort) {
        Thread thread = new Thread(() -> run(node, apiPort), "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(UpsilonNode node, int apiPort) {
        long started = System.nanoTime();
        try {
            while (!node.awaitState(NodeState.READY, Duration.ofSeconds(1))) {
                if (node.state() == NodeState.FENCED) {
                    return; // a fenced node never takes traffic; nothing to warm
                }
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI base = URI.create("http://127.0.0.1:" + apiPort);
            for (int round = 0; round < ROUNDS; round++) {
                List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
                for (int i = 0; i < PARALLEL; i++) {
                    sent.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/transfers/" + UUID.randomUUID()))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()));
                    // a negative amount: parsed and validated like a real create, refused before the database
                    sent.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/transfers"))
                            .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"payerFsp\":\"warm\",\"payeeFsp\":\"up\","
                                    + "\"amount\":-1,\"currency\":\"EUR\"}")).build(),
                            HttpResponse.BodyHandlers.discarding()));
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            }
            LOG.info("warmed up in {} ms ({} requests)", (System.nanoTime() - started) / 1_000_000,
                    ROUNDS * PARALLEL * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a warm-up is an optimisation: a node that could not finish it still serves correctly
            LOG.warn("warm-up stopped early ({}); ready anyway", e.toString());
        } finally {
            done.set(true);
        }
    }
}
