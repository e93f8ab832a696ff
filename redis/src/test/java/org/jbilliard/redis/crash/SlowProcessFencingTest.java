package org.jbilliard.redis.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fencing with a real process that is only slow: a consumer JVM blocked in {@code get()} is stopped
 * with SIGSTOP; the server still hands it the next item (its {@code BLMOVE} was waiting on the
 * server), its lease lapses, a reaper gives the item back, and another consumer gets it. When the
 * stopped consumer continues, it must not deliver that item too: its commit is refused, it re-leases
 * and goes on waiting, and gets the next item instead. Also: a producer stopped while it holds a
 * slot of a full queue gives the slot back.
 *
 * <p>Timing: what is tested needs the stopped child's {@code BLMOVE} to be still waiting on the
 * server when the parent's put (or get) arrives. A child is seen blocked on the server, then
 * stopped; on a loaded machine its slice may end before the parent's call arrives, and the item (or
 * token) would simply stay in the queue: the test then proves nothing. So the tests check on the
 * server that the child's {@code proc:} (or {@code held:}) list really caught it, and otherwise
 * take it back, continue the child and try again. The children block in slices of 2 s instead of
 * 100 ms to make a catch likely, and hold leases of 6 s refreshed every second, so that a live
 * process whose lease thread is starved for a few seconds is not taken for a dead one.
 */
class SlowProcessFencingTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static void signal(TaskProcess p, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid().orElseThrow())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s", name).isZero();
    }

    /** The queue's keys, the lease set and the server's time, for a failure message. */
    private static String serverState(String address) {
        String id = address.substring(address.indexOf("#jbq=") + 5);
        try (redis.clients.jedis.RedisClient r = redis.clients.jedis.RedisClient.create("127.0.0.1", REDIS.server().port())) {
            StringBuilder b = new StringBuilder("time " + r.eval("return redis.call('TIME')") + "; handles "
                    + r.zrangeWithScores("jbq:{" + id + "}:handles", 0, -1));
            for (String key : r.keys("jbq:{" + id + "}:*")) {
                b.append("; ").append(key).append(" ").append(r.type(key));
                if (r.type(key).equals("list")) {
                    b.append(r.lrange(key, 0, -1));
                }
            }
            for (java.util.Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                if (t.getKey().getName().startsWith("jbilliard-redis-leases")) {
                    b.append("; thread ").append(t.getKey().getName()).append(" ").append(t.getKey().getState())
                            .append(java.util.Arrays.toString(t.getValue()));
                }
            }
            return b.toString();
        }
    }

    private static final int ATTEMPTS = 5;

    /** A context whose handles (and the children's copies of them) block long and lease for long. */
    private static RedisContext context() {
        return new RedisContext(REDIS.server().config().toBuilder().blockSlice(Duration.ofSeconds(2))
                .lease(Duration.ofSeconds(6), Duration.ofSeconds(1)).build());
    }

    /**
     * Whether a handle's {@code kind} list ({@code "proc:"} or {@code "held:"}) holds what the parent's
     * last call released, i.e. the stopped child's waiting {@code BLMOVE} caught it.
     */
    private static boolean caughtByAHandle(String address, String kind) {
        String id = address.substring(address.indexOf("#jbq=") + 5);
        try (redis.clients.jedis.RedisClient r = redis.clients.jedis.RedisClient.create("127.0.0.1", REDIS.server().port())) {
            for (String key : r.keys("jbq:{" + id + "}:" + kind + "*")) {
                if (r.llen(key) > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void awaitBlockedOnServer() {
        Awaitility.await("a BLMOVE of the child waits on the server").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5)).until(() -> REDIS.server().blockedClients() >= 1);
    }

    @Test
    void aConsumerStoppedPastItsLeaseCannotDeliverTheItemThatWasGivenBack() throws Exception {
        RedisContext ctx = context();
        try (Queue<String> q = ctx.queue(2); Queue<String> ready = ctx.queue(0); Queue<String> report = ctx.queue(0)) {
            TaskProcess consumer = ctx.process(() -> {
                ready.put("about to get");
                report.put("consumer got " + q.get());
            });
            try (consumer) {
                consumer.start();
                assertThat(ready.get(Duration.ofSeconds(60))).isEqualTo("about to get");
                for (int attempt = 1; ; attempt++) {
                    // Once the consumer's BLMOVE waits on the server, an item put goes to it.
                    awaitBlockedOnServer();
                    signal(consumer, "STOP");
                    q.put("first");
                    if (caughtByAHandle(q.address(), "proc:")) {
                        break;
                    }
                    // Its slice ended before the put arrived: take the item back and let it block again.
                    assertThat(q.get(Duration.ofSeconds(30))).isEqualTo("first");
                    signal(consumer, "CONT");
                    assertThat(attempt).as("attempts to stop the consumer while its BLMOVE waits; server state: %s",
                            serverState(q.address())).isLessThan(ATTEMPTS);
                }
                try {
                    String back;
                    try {
                        back = q.get(Duration.ofSeconds(30));
                    } catch (Empty e) {
                        throw new AssertionError("the item was not given back after the stopped consumer's lease lapsed;"
                                + " server state: " + serverState(q.address()), e);
                    }
                    assertThat(back).as("the item given back after the stopped consumer's lease lapsed").isEqualTo("first");
                    assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class);
                } finally {
                    signal(consumer, "CONT");
                }
                assertThatThrownBy(() -> report.get(Duration.ofSeconds(2))).as("the resumed consumer delivered nothing")
                        .isInstanceOf(Empty.class);
                q.put("second");
                assertThat(report.get(Duration.ofSeconds(30))).isEqualTo("consumer got second");
                assertThat(consumer.join(Duration.ofSeconds(60))).isTrue();
                assertThat(consumer.exitCode()).hasValue(0);
                assertThatThrownBy(q::getNowait).as("nothing left, nothing duplicated").isInstanceOf(Empty.class);
            }
        }
    }

    @Test
    void aProducerStoppedWhileItHoldsASlotGivesItBackAfterItsLease() throws Exception {
        RedisContext ctx = context();
        try (Queue<String> q = ctx.queue(1); Queue<String> ready = ctx.queue(0)) {
            q.put("occupant");
            TaskProcess producer = ctx.process(() -> {
                ready.put("about to put");
                q.put("from the producer");
            });
            try (producer) {
                producer.start();
                assertThat(ready.get(Duration.ofSeconds(60))).isEqualTo("about to put");
                for (int attempt = 1; ; attempt++) {
                    awaitBlockedOnServer();
                    signal(producer, "STOP");
                    // The freed slot goes to the stopped producer's BLMOVE, then back after its lease.
                    assertThat(q.get(Duration.ofSeconds(30))).isEqualTo("occupant");
                    if (caughtByAHandle(q.address(), "held:")) {
                        break;
                    }
                    // Its slice ended before the slot was freed: fill the queue again, let it block again.
                    q.put("occupant", Duration.ofSeconds(30));
                    signal(producer, "CONT");
                    assertThat(attempt).as("attempts to stop the producer while its BLMOVE waits; server state: %s",
                            serverState(q.address())).isLessThan(ATTEMPTS);
                }
                try {
                    try {
                        q.put("mine", Duration.ofSeconds(30));
                    } catch (org.jbilliard.Full e) {
                        throw new AssertionError("the stopped producer's slot did not come back; server state: "
                                + serverState(q.address()), e);
                    }
                    assertThat(q.full()).isTrue();
                    assertThat(q.get(Duration.ofSeconds(30))).isEqualTo("mine");
                } finally {
                    signal(producer, "CONT");
                }
                assertThat(q.get(Duration.ofSeconds(30))).as("the resumed producer's item, once").isEqualTo("from the producer");
                assertThat(producer.join(Duration.ofSeconds(60))).isTrue();
                assertThat(producer.exitCode()).hasValue(0);
                assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class);
            }
        }
    }
}
