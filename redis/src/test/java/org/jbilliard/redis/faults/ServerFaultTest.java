package org.jbilliard.redis.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Empty;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.redis.RedisConfig;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.ServerUnavailableException;
import org.jbilliard.redis.testing.RedisServer;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of the server itself, with a real {@code redis-server} (append-only file,
 * {@code appendfsync always}): killed and restarted, stopped with SIGSTOP, every connection cut.
 * Bounded calls keep their deadlines (with {@link ServerUnavailableException}), clients reconnect by
 * themselves, and no item is duplicated or lost.
 */
class ServerFaultTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.withAppendOnlyFile();

    /**
     * A bound may be exceeded by one command's minimum socket timeout and a reconnect's handshake;
     * scaled by {@code JBILLIARD_TIME_FACTOR} on a loaded machine.
     */
    private static final long SLACK_MILLIS = (long) (1_000 * timeFactor());

    private static double timeFactor() {
        String f = System.getenv("JBILLIARD_TIME_FACTOR");
        try {
            return f == null ? 1 : Math.max(1, Double.parseDouble(f));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        if (REDIS.server().alive()) {
            REDIS.server().resume();
        } else {
            REDIS.server().restart();
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("test threads ended").isTrue();
    }

    private RedisContext context(RedisServer server) {
        return new RedisContext(RedisConfig.builder().uri(server.uri()).operationTimeout(Duration.ofSeconds(1)).build());
    }

    private <T> Queue<T> queue(int maxsize) {
        Queue<T> q = context(REDIS.server()).queue(maxsize);
        closeables.add(q);
        return q;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void assertUnavailableWithin(long boundMillis, String what, ThrowingCall call) {
        long start = System.nanoTime();
        assertThatThrownBy(call::run).as(what).isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining("127.0.0.1");
        long took = millisSince(start);
        assertThat(took).as("%s gave up after %d ms; its bound is %d ms", what, took, boundMillis)
                .isLessThanOrEqualTo(boundMillis + SLACK_MILLIS);
    }

    /** A call that may throw anything. */
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static <T> List<T> drain(Queue<T> q) throws Exception {
        List<T> items = new ArrayList<>();
        while (true) {
            try {
                items.add(q.get(Duration.ofMillis(300)));
            } catch (Empty e) {
                return items;
            }
        }
    }

    @Test
    void aStoppedServerLeavesEveryBoundedCallItsDeadlineAndLosesOrDuplicatesNothing() throws Exception {
        Queue<Integer> q = queue(5);
        q.put(1);
        REDIS.server().pause();
        try {
            assertUnavailableWithin(400, "get(400 ms) on a stopped server", () -> q.get(Duration.ofMillis(400)));
            assertUnavailableWithin(1_000, "getNowait() on a stopped server", q::getNowait);
            assertUnavailableWithin(1_000, "putNowait(2) on a stopped server", () -> q.putNowait(2));
            assertUnavailableWithin(300, "put(3, 300 ms) on a stopped server", () -> q.put(3, Duration.ofMillis(300)));
            assertUnavailableWithin(1_000, "qsize() on a stopped server", q::qsize);
        } finally {
            REDIS.server().resume();
        }
        // The commands sent meanwhile were still in the server's socket buffers and ran on resume: the
        // gets took item 1 into their replay records, the puts may have put 2 and 3. The handle's next
        // get replays the record; nothing is there twice.
        List<Integer> items = drain(q);
        assertThat(items).as("items after the stop").contains(1).doesNotHaveDuplicates();
        assertThat(items.get(0)).as("the oldest item comes first").isEqualTo(1);
        assertThat(items).isSubsetOf(1, 2, 3);
        q.put(4);
        assertThat(q.get(Duration.ofSeconds(5))).as("the handle works after the stop").isEqualTo(4);
    }

    @Test
    void aKilledAndRestartedServerKeepsItsItemsAndClientsReconnectByThemselves() throws Exception {
        Queue<Integer> q = queue(10);
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        JoinableQueue<String> jq = context(REDIS.server()).joinableQueue();
        closeables.add(jq);
        Future<String> blocked = threads.submit(() -> jq.get());
        // the consumer is blocked in its BLMOVE slices across the outage
        REDIS.server().kill();
        assertUnavailableWithin(300, "get(300 ms) while the server is down", () -> q.get(Duration.ofMillis(300)));
        assertUnavailableWithin(1_000, "putNowait(99) while the server is down", () -> q.putNowait(99));
        REDIS.server().restart();
        assertThat(drain(q)).as("items after the restart (append-only file)").containsExactly(0, 1, 2, 3, 4);
        jq.put("after the restart");
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo("after the restart");
        jq.taskDone();
        assertThat(jq.join(Duration.ofSeconds(5))).as("join after the restart").isTrue();
    }

    @Test
    void cutConnectionsAreReopenedAndABlockedConsumerGetsTheNextItemExactlyOnce() throws Exception {
        Queue<String> q = queue(0);
        Queue<String> consumerHandle = context(REDIS.server()).attachQueue(q.address());
        closeables.add(consumerHandle);
        CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
            try {
                return consumerHandle.get(Duration.ofSeconds(20));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        for (int i = 0; i < 3; i++) {
            String reply = REDIS.server().cutConnections();
            assertThat(reply).startsWith(":");
        }
        q.put("after the cut");
        assertThat(got.get(20, TimeUnit.SECONDS)).isEqualTo("after the cut");
        assertThat(drain(q)).as("nothing is left or duplicated").isEmpty();
    }

    @Test
    void aServerRestartedWithoutPersistenceLosesItsQueuesAndSaysSo() throws Exception {
        try (RedisServer volatileServer = RedisServer.start(false)) {
            Queue<Integer> q = context(volatileServer).queue(3);
            q.put(1);
            volatileServer.restart();
            assertThatThrownBy(() -> q.get(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no longer exists").hasMessageContaining("without persistence");
            q.close();
        }
    }
}
