package io.upsilon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.ChangeFeed.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link ChangeFeed} passes, through a thin subclass that makes a feed and announces a change the
 * way its stores do when they commit one. No test depends on how fast a call comes: they wait for it (each test is
 * bounded by a timeout) and use a poll interval of an hour where only a notification may wake the listener.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractChangeFeedContractTest {

    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration OFTEN = Duration.ofMillis(50);

    /** A feed; every call in one test watches the same shared state. */
    protected abstract ChangeFeed feed();

    /** Announces a change of {@code topic}, with {@code payload}, as the feed's stores do on commit. */
    protected abstract void announce(Topic topic, String payload) throws Exception;

    /**
     * Whether the feed wakes its listeners on an announcement (else only its polling calls them). The default says
     * it does; a polling-only feed says not, and the tests of notifications are skipped for it.
     */
    protected boolean notifies() {
        return true;
    }

    private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeSubscriptions() throws Exception {
        for (AutoCloseable s : subscriptions) {
            s.close();
        }
    }

    private <T extends AutoCloseable> T kept(T subscription) {
        subscriptions.add(subscription);
        return subscription;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }

    @Test
    void pollingCallsTheListenerAgainAndAgainWithoutAnyChange() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        kept(feed().subscribe(Topic.DATA_VERSION, OFTEN, calls::incrementAndGet));
        await(() -> calls.get() >= 3);
    }

    @Test
    void anAnnouncementWakesTheListenerLongBeforeItsPollInterval() throws Exception {
        Assumptions.assumeTrue(notifies(), "this feed only polls");
        AtomicInteger calls = new AtomicInteger();
        kept(feed().subscribe(Topic.MAINTENANCE, NEVER, calls::incrementAndGet));
        // a change made before the feed listens may only be re-read once: announce until a call comes twice
        while (calls.get() < 2) {
            announce(Topic.MAINTENANCE, "changed");
            Thread.sleep(50);
        }
    }

    @Test
    void aDataVersionAnnouncementHandsItsPayloadToTheListener() throws Exception {
        Assumptions.assumeTrue(notifies(), "this feed only polls");
        List<Optional<String>> payloads = new CopyOnWriteArrayList<>();
        kept(feed().subscribeWithPayload(Topic.DATA_VERSION, NEVER, payloads::add));
        while (!payloads.contains(Optional.of("2.1.0"))) {
            announce(Topic.DATA_VERSION, "2.1.0");
            Thread.sleep(50);
        }
        assertThat(payloads).allSatisfy(p -> assertThat(p).isIn(Optional.empty(), Optional.of("2.1.0")));
    }

    @Test
    void pollingCallsCarryNoPayload() throws Exception {
        List<Optional<String>> payloads = new CopyOnWriteArrayList<>();
        kept(feed().subscribeWithPayload(Topic.DATA_VERSION, OFTEN, payloads::add));
        await(() -> payloads.size() >= 3);
        assertThat(payloads).containsOnly(Optional.empty());
    }

    @Test
    void closingTheSubscriptionStopsTheCalls() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AutoCloseable subscription = feed().subscribe(Topic.DATA_VERSION, OFTEN, calls::incrementAndGet);
        await(() -> calls.get() >= 2);
        subscription.close();
        Thread.sleep(OFTEN.toMillis() * 2); // a call already under way may still finish
        int settled = calls.get();
        Thread.sleep(OFTEN.toMillis() * 10);
        assertThat(calls.get()).as("calls after close").isEqualTo(settled);
    }

    @Test
    void aFailingListenerIsCalledAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        kept(feed().subscribe(Topic.DATA_VERSION, OFTEN, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a listener that always fails");
        }));
        await(() -> calls.get() >= 3);
    }

    @Test
    void subscriptionsToOneTopicAreIndependent() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        AutoCloseable one = feed().subscribe(Topic.DATA_VERSION, OFTEN, first::incrementAndGet);
        kept(feed().subscribe(Topic.DATA_VERSION, OFTEN, second::incrementAndGet));
        await(() -> first.get() >= 2);
        one.close();
        int before = second.get();
        await(() -> second.get() >= before + 3);
    }
}
