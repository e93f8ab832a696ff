package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.support.Bounded;
import org.jbilliard.tck.support.Items;
import org.jbilliard.tck.support.Outcome;
import org.jbilliard.tck.support.Stop;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rules for participants that are alive but not running: a child process is stopped ({@code SIGSTOP} by its
 * pid, continued with {@code SIGCONT}; or {@link org.jbilliard.tck.support.Suspendable}) at a chosen point,
 * and the other participants' bounded calls must keep their deadlines. A stopped process is always continued
 * before the rule ends, whatever it found.
 */
public class StallRules extends RuleTest {

    /** Creates the test. */
    public StallRules() {
    }

    private void assumeStoppable(TaskProcess process) {
        String why = Stop.unavailableReason();
        Assumptions.assumeTrue(canStop(process), "not verified: the TCK cannot stop this implementation's processes ("
                + (!has(org.jbilliard.Feature.CROSS_PROCESS) ? "CROSS_PROCESS is not declared, so a task has no pid of"
                + " its own, and its TaskProcess does not implement Suspendable" : why) + ")");
    }

    private void putAtOnce(Queue<?> q, String what, ThrowingPut put) {
        Outcome<Object> outcome = assertAnswersAtOnce(Full.class, what, () -> {
            put.run();
            return null;
        });
        if (outcome.thrown() != null) {
            throw new AssertionError(what + " raised Full on a queue with free slots", outcome.thrown());
        }
    }

    /** A put to run at once. */
    private interface ThrowingPut {
        void run() throws Exception;
    }

    private <T> List<T> drain(Queue<T> q) {
        List<T> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Duration wait = env.timeoutUnderTest();
            Outcome<T> outcome = Bounded.outcome("get(" + wait.toMillis() + " ms) draining after SIGCONT",
                    wait.plus(env.operationLimit()), () -> q.get(wait));
            if (outcome.threw(Empty.class)) {
                return got;
            }
            if (outcome.thrown() != null) {
                throw new AssertionError(outcome.describe(), outcome.thrown());
            }
            got.add(outcome.value());
        }
        throw new AssertionError("more than 10 items left after SIGCONT, but only 2 were put: " + got);
    }

    /** STALL-CONSUMER-01. */
    @Test
    @Verifies(Rule.STALL_CONSUMER_01)
    @DisplayName("STALL-CONSUMER-01 a consumer stopped while blocked in get does not hold up the others' bounded calls")
    public void consumerStoppedInGet() throws Exception {
        Queue<String> q = queue(4);
        Queue<String> ready = queue(0);
        Queue<String> results = queue(0);
        TaskProcess consumer = process(Tasks.announceThenGet(ready, q, results));
        assumeStoppable(consumer);
        consumer.start();
        assertThat(take(ready)).isEqualTo("about to get");
        // The consumer announced its get() but cannot be observed entering it: keep asking while it settles.
        long settled = System.nanoTime() + env.settle().toNanos();
        do {
            assertThrowsAtOnce(Empty.class, "getNowait() on an empty queue while " + consumer.name()
                    + " is blocked in get()", q::getNowait);
        } while (System.nanoTime() < settled);
        List<String> got = new ArrayList<>();
        Duration timeout = env.timeoutUnderTest();
        try (Stop stop = stop(consumer)) {
            String who = " while " + stop.describe() + " is stopped blocked in get()";
            assertThrowsAtOnce(Empty.class, "getNowait() on an empty queue" + who, q::getNowait);
            assertExpires(Empty.class, "get(" + timeout.toMillis() + " ms) on an empty queue" + who, timeout,
                    () -> q.get(timeout));
            putAtOnce(q, "putNowait(a)" + who, () -> q.putNowait("a"));
            Outcome<String> nowait = assertAnswersAtOnce(Empty.class, "getNowait() with one item queued" + who,
                    q::getNowait);
            if (nowait.thrown() == null) {
                got.add(nowait.value());
            } else {
                Outcome<String> timed = assertKeepsDeadline(Empty.class, "get(" + timeout.toMillis()
                        + " ms) with one item queued" + who, timeout, () -> q.get(timeout));
                if (timed.thrown() == null) {
                    got.add(timed.value());
                }
            }
            putAtOnce(q, "putNowait(b)" + who, () -> q.putNowait("b"));
        }
        got.add(take(results));
        assertSucceeds(consumer);
        got.addAll(drain(q));
        assertThat(got).as("items got by the parent during the stop, by the consumer after SIGCONT and by the"
                + " parent's drain: each item put exactly once").containsExactlyInAnyOrder("a", "b");
    }

    /** STALL-PRODUCER-01. */
    @Test
    @Verifies(Rule.STALL_PRODUCER_01)
    @DisplayName("STALL-PRODUCER-01 a producer stopped mid-way through putting a large item does not hold up the"
            + " others' bounded calls")
    public void producerStoppedMidPut() throws Exception {
        int size = largeItemSize();
        Queue<byte[]> q = queue(0);
        Queue<String> ready = queue(0);
        Queue<String> gate = queue(0);
        TaskProcess producer = process(Tasks.announceThenPutLarge(ready, q, size, gate));
        assumeStoppable(producer);
        producer.start();
        assertThat(take(ready)).isEqualTo("putting");
        // empty() turns false once the put has begun; an implementation that shows an item only when it is
        // completely written is then not stopped mid-put, and this rule cannot fault it.
        Bounded.outcome("waiting for empty() to turn false", env.operationLimit().multipliedBy(2), () -> {
            long deadline = System.nanoTime() + env.operationLimit().toNanos();
            while (q.empty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return null;
        });
        byte[] small = Items.selfChecking(7, 64);
        List<byte[]> got = new ArrayList<>();
        Duration timeout = env.timeoutUnderTest();
        try (Stop stop = stop(producer)) {
            String who = " while " + stop.describe() + " is stopped mid-way through put() of a " + (size >> 10)
                    + " KiB item";
            Outcome<byte[]> nowait = assertAnswersAtOnce(Empty.class, "getNowait()" + who, q::getNowait);
            if (nowait.thrown() == null) {
                got.add(nowait.value());
            }
            Outcome<byte[]> timed = assertKeepsDeadline(Empty.class, "get(" + timeout.toMillis() + " ms)" + who,
                    timeout, () -> q.get(timeout));
            if (timed.thrown() == null) {
                got.add(timed.value());
            }
            putAtOnce(q, "putNowait(a 64-byte item)" + who, () -> q.putNowait(small));
            Outcome<byte[]> after = assertAnswersAtOnce(Empty.class, "getNowait() after the parent's own putNowait()"
                    + who, q::getNowait);
            if (after.thrown() == null) {
                got.add(after.value());
            }
        }
        while (got.size() < 2) {
            got.add(take(q));
        }
        assertNoMoreItems(q, "two items were put, the producer's and the parent's");
        int large = 0;
        int smalls = 0;
        for (byte[] item : got) {
            if (!Items.isIntact(item)) {
                throw new AssertionError("a torn item was delivered after the producer was stopped mid-put and"
                        + " continued: " + Items.describe(item));
            }
            large += item.length == size ? 1 : 0;
            smalls += java.util.Arrays.equals(item, small) ? 1 : 0;
        }
        assertThat(new int[] {large, smalls}).as("the producer's %d-byte item and the parent's 64-byte item, each"
                + " got exactly once (got %s)", size, got.stream().map(Items::describe).toList())
                .containsExactly(1, 1);
        within("put(go) on the producer's gate", () -> {
            gate.put("go");
            return null;
        });
        assertSucceeds(producer);
    }
}
