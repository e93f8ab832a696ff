package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.CodecException;
import org.jbilliard.Empty;
import org.jbilliard.Feature;
import org.jbilliard.Full;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.QueueClosedException;
import org.jbilliard.TaskProcess;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.support.Bounded;
import org.jbilliard.tck.support.Items;
import org.jbilliard.tck.support.NotSerializableItem;
import org.jbilliard.tck.support.Outcome;
import org.jbilliard.tck.support.PoisonCodec;
import org.jbilliard.tck.support.Stop;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules about a single {@link Queue} used from the calling JVM. */
public class QueueRules extends RuleTest {

    /** Creates the test. */
    public QueueRules() {
    }

    private Queue<String> fullQueue(int maxsize) throws Exception {
        Queue<String> q = queue(maxsize);
        for (int i = 0; i < maxsize; i++) {
            String item = "item" + i;
            within("put(" + item + ") below the bound", () -> {
                q.put(item);
                return null;
            });
        }
        return q;
    }

    /** Q-CREATE-01. */
    @Test
    @Verifies(Rule.Q_CREATE_01)
    @DisplayName("Q-CREATE-01 maxsize() reports the bound; zero or negative means unbounded")
    public void maxsize() {
        assertThat(queue(5).maxsize()).as("queue(5).maxsize()").isEqualTo(5);
        assertThat(queue(1).maxsize()).as("queue(1).maxsize()").isEqualTo(1);
        assertThat(track(ctx.queue()).maxsize()).as("queue().maxsize()").isEqualTo(Queue.UNBOUNDED);
        assertThat(queue(0).maxsize()).as("queue(0).maxsize()").isEqualTo(Queue.UNBOUNDED);
        assertThat(queue(-3).maxsize()).as("queue(-3).maxsize()").isEqualTo(Queue.UNBOUNDED);
        assertThat(joinable(7).maxsize()).as("joinableQueue(7).maxsize()").isEqualTo(7);
        assertThat(joinable(0).maxsize()).as("joinableQueue(0).maxsize()").isEqualTo(Queue.UNBOUNDED);
        assertThat(track(ctx.joinableQueue()).maxsize()).as("joinableQueue().maxsize()").isEqualTo(Queue.UNBOUNDED);
    }

    /** Q-PUT-01. */
    @Test
    @Verifies(Rule.Q_PUT_01)
    @DisplayName("Q-PUT-01 put then get returns equal items in FIFO order")
    public void putThenGet() throws Exception {
        Queue<Object> q = queue(0);
        List<Object> sent = List.of("alpha", 42, List.of(1, 2, 3), "omega", 7L);
        for (Object item : sent) {
            within("put(" + item + ")", () -> {
                q.put(item);
                return null;
            });
        }
        List<Object> got = new ArrayList<>();
        got.add(take(q));
        got.add(within("get()", q::get));
        Duration wait = env.operationLimit();
        got.add(within("get(timeout)", () -> q.get(wait)));
        got.add(take(q));
        got.add(take(q));
        assertThat(got).as("items got back, in order, from items put in order %s", sent).isEqualTo(sent);
        assertNoMoreItems(q, "five items were put and five got");
    }

    /** Q-PUT-02. */
    @Test
    @Verifies(Rule.Q_PUT_02)
    @DisplayName("Q-PUT-02 put blocks on a full queue until a slot frees")
    public void putBlocksWhileFull() throws Exception {
        Queue<String> q = fullQueue(1);
        Bounded blocked = Bounded.start("put(late) on a full queue", () -> {
            q.put("late");
            return null;
        }).awaitBlocked(env.settle());
        if (blocked.isFinished()) {
            throw new AssertionError("put() on a full queue returned without waiting for a slot: "
                    + blocked.await(env.operationLimit()).describe());
        }
        assertThat(take(q)).as("first item").isEqualTo("item0");
        Outcome<Object> done = blocked.await(env.operationLimit());
        assertThat(done.thrown()).as("put() after a slot freed").isNull();
        assertThat(take(q)).as("the item of the blocked put").isEqualTo("late");
    }

    /** Q-PUT-03. */
    @Test
    @Verifies(Rule.Q_PUT_03)
    @DisplayName("Q-PUT-03 the literal put(item, block, timeout) form behaves as billiard's")
    public void literalPut() throws Exception {
        Queue<String> q = fullQueue(1);
        assertThrowsPromptly(Full.class, "put(x, block=false, timeout=1h) on a full queue",
                () -> {
                    q.put("x", false, Duration.ofHours(1));
                    return null;
                });
        Duration timeout = env.timeoutUnderTest();
        assertExpires(Full.class, "put(x, block=true, timeout) on a full queue", timeout, () -> {
            q.put("x", true, timeout);
            return null;
        });
        Bounded blocked = Bounded.start("put(late, block=true, timeout=null) on a full queue", () -> {
            q.put("late", true, null);
            return null;
        }).awaitBlocked(env.settle());
        assertThat(blocked.isFinished()).as("put(x, true, null) on a full queue must wait").isFalse();
        assertThat(take(q)).isEqualTo("item0");
        assertThat(blocked.await(env.operationLimit()).thrown()).as("put(x, true, null) after a slot freed").isNull();
        assertThat(take(q)).as("item of put(x, true, null)").isEqualTo("late");
        within("put(y, block=false, null) with a free slot", () -> {
            q.put("y", false, null);
            return null;
        });
        assertThat(take(q)).isEqualTo("y");
    }

    /** Q-PUTNOWAIT-01. */
    @Test
    @Verifies(Rule.Q_PUTNOWAIT_01)
    @DisplayName("Q-PUTNOWAIT-01 putNowait on a full queue raises Full and enqueues nothing")
    public void putNowaitFull() throws Exception {
        Queue<String> q = fullQueue(2);
        assertThrowsAtOnce(Full.class, "putNowait(item2) on a queue holding maxsize=2 items", () -> {
            q.putNowait("item2");
            return null;
        });
        assertThat(List.of(take(q), take(q))).as("items after a rejected putNowait").containsExactly("item0", "item1");
        assertNoMoreItems(q, "putNowait raised Full, so it must not have enqueued its item");
        within("putNowait on a queue with free slots", () -> {
            q.putNowait("again");
            return null;
        });
        assertThat(take(q)).isEqualTo("again");
    }

    /** Q-PUT-TIMEOUT-01. */
    @Test
    @Verifies(Rule.Q_PUT_TIMEOUT_01)
    @DisplayName("Q-PUT-TIMEOUT-01 put(item, timeout) on a full queue raises Full after the timeout")
    public void putTimeoutBounds() throws Exception {
        Queue<String> q = fullQueue(1);
        Duration timeout = env.timeoutUnderTest();
        assertExpires(Full.class, "put(x, " + timeout.toMillis() + " ms) on a full queue", timeout, () -> {
            q.put("x", timeout);
            return null;
        });
        assertThat(take(q)).isEqualTo("item0");
        assertNoMoreItems(q, "put(x, timeout) raised Full, so x must not be enqueued");
    }

    /** Q-PUT-TIMEOUT-02. */
    @Test
    @Verifies(Rule.Q_PUT_TIMEOUT_02)
    @DisplayName("Q-PUT-TIMEOUT-02 put(item, timeout <= 0) on a full queue raises Full at once")
    public void putZeroTimeout() throws Exception {
        Queue<String> q = fullQueue(1);
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofMillis(-5))) {
            assertThrowsAtOnce(Full.class, "put(x, " + timeout + ") on a full queue", () -> {
                q.put("x", timeout);
                return null;
            });
        }
    }

    /** Q-GETNOWAIT-01. */
    @Test
    @Verifies(Rule.Q_GETNOWAIT_01)
    @DisplayName("Q-GETNOWAIT-01 getNowait on an empty queue raises Empty at once")
    public void getNowaitEmpty() throws Exception {
        Queue<String> q = queue(3);
        assertThrowsAtOnce(Empty.class, "getNowait() on an empty queue", q::getNowait);
        getNowaitBesideBlockedConsumers(q);
        getNowaitBesideStoppedProducer();
    }

    /** The hint's first scenario: other consumers, a process and a thread, are blocked in get(). */
    private void getNowaitBesideBlockedConsumers(Queue<String> q) throws Exception {
        Queue<String> ready = queue(0);
        Queue<String> results = queue(0);
        TaskProcess consumer = started(Tasks.announceThenGet(ready, q, results));
        assertThat(take(ready)).isEqualTo("about to get");
        Bounded thread = Bounded.start("get() by a consumer thread", q::get).awaitBlocked(env.settle());
        String what = "getNowait() on an empty queue while another consumer (a thread of this JVM and " + consumer.name()
                + ") is blocked in get()";
        // The process announced its get() but cannot be observed entering it: keep asking while it settles.
        long settled = System.nanoTime() + env.settle().toNanos();
        do {
            assertThrowsAtOnce(Empty.class, what, q::getNowait);
        } while (System.nanoTime() < settled);
        within("put(a), put(b) for the two blocked consumers", () -> {
            q.put("a");
            q.put("b");
            return null;
        });
        Outcome<Object> byThread = thread.await(env.operationLimit());
        assertThat(byThread.thrown()).as(byThread.describe()).isNull();
        List<Object> got = new ArrayList<>(List.of(byThread.value(), take(results)));
        assertSucceeds(consumer);
        assertThat(got).as("items got by the two consumers that were blocked beside getNowait()")
                .containsExactlyInAnyOrder("a", "b");
        assertNoMoreItems(q, "each of the two items was got by one consumer");
    }

    /**
     * The hint's second scenario: an item counted by a producer that is not running, a child stopped while its
     * large item cannot be completely written (nobody reads it). getNowait() must not wait for it: it throws
     * Empty at once (the item is owed to a later get) or returns the whole item at once.
     */
    private void getNowaitBesideStoppedProducer() throws Exception {
        int size = largeItemSize();
        Queue<byte[]> q = queue(0);
        Queue<String> ready = queue(0);
        Queue<String> gate = queue(0);
        TaskProcess producer = process(Tasks.announceThenPutLarge(ready, q, size, gate));
        if (!canStop(producer)) {
            return;
        }
        producer.start();
        assertThat(take(ready)).isEqualTo("putting");
        awaitNotEmpty(q, env.operationLimit());
        byte[] early = null;
        try (Stop stop = stop(producer)) {
            String what = "getNowait() while " + stop.describe() + " is stopped mid-way through put() of a "
                    + (size >> 10) + " KiB item";
            Outcome<byte[]> outcome = assertAnswersAtOnce(Empty.class, what, q::getNowait);
            early = outcome.value();
            if (early != null && !Items.isIntact(early)) {
                throw new AssertionError(what + " returned a torn item: " + Items.describe(early));
            }
        }
        byte[] item = early != null ? early : take(q);
        assertThat(Items.isIntact(item) && item.length == size)
                .as("the stopped producer's item, intact and whole once it runs again (%s)", Items.describe(item))
                .isTrue();
        assertNoMoreItems(q, "the producer put one item");
        within("put(go) on the producer's gate", () -> {
            gate.put("go");
            return null;
        });
        assertSucceeds(producer);
    }

    /**
     * Waits, at most {@code limit}, until {@code q.empty()} is false: the put has begun (an implementation
     * that shows an item only once it is written gets no mid-put stop, and passes this part trivially).
     */
    private void awaitNotEmpty(Queue<?> q, Duration limit) {
        Bounded.outcome("waiting for empty() to turn false", limit.plus(env.operationLimit()), () -> {
            long deadline = System.nanoTime() + limit.toNanos();
            while (q.empty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return null;
        });
    }

    /** Q-GET-TIMEOUT-01. */
    @Test
    @Verifies(Rule.Q_GET_TIMEOUT_01)
    @DisplayName("Q-GET-TIMEOUT-01 get(timeout) on an empty queue raises Empty after the timeout")
    public void getTimeoutBounds() {
        Queue<String> q = queue(0);
        Duration timeout = env.timeoutUnderTest();
        assertExpires(Empty.class, "get(" + timeout.toMillis() + " ms) on an empty queue", timeout, () -> q.get(timeout));
    }

    /** Q-GET-TIMEOUT-02. */
    @Test
    @Verifies(Rule.Q_GET_TIMEOUT_02)
    @DisplayName("Q-GET-TIMEOUT-02 get(timeout <= 0) on an empty queue raises Empty at once")
    public void getZeroTimeout() {
        Queue<String> q = queue(0);
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofMillis(-5))) {
            assertThrowsAtOnce(Empty.class, "get(" + timeout + ") on an empty queue", () -> q.get(timeout));
        }
    }

    /** Q-GET-TIMEOUT-03. */
    @Test
    @Verifies(Rule.Q_GET_TIMEOUT_03)
    @DisplayName("Q-GET-TIMEOUT-03 get(timeout <= 0) returns an item that is already available")
    public void zeroTimeoutTakesAvailableItem() throws Exception {
        Queue<String> q = queue(0);
        within("put(a), put(b)", () -> {
            q.put("a");
            q.put("b");
            return null;
        });
        if (!has(Feature.IMMEDIATE_VISIBILITY)) {
            Bounded.call("waiting for the items to become readable", env.operationLimit(), () -> {
                while (q.empty()) {
                    Thread.onSpinWait();
                }
                return null;
            });
        }
        assertThat(within("get(Duration.ZERO) with an item available (BEHAVIOUR row 4)", () -> q.get(Duration.ZERO)))
                .as("get(Duration.ZERO) with an item available (BEHAVIOUR row 4: must not raise Empty)").isEqualTo("a");
        Duration wait = has(Feature.IMMEDIATE_VISIBILITY) ? Duration.ofMillis(-1) : env.operationLimit();
        assertThat(within("get(" + wait + ") with an item available", () -> q.get(wait)))
                .as("get(negative timeout) with an item available").isEqualTo("b");
    }

    /** Q-GET-01. */
    @Test
    @Verifies(Rule.Q_GET_01)
    @DisplayName("Q-GET-01 get blocks until an item arrives")
    public void getBlocksUntilItem() throws Exception {
        Queue<String> q = queue(0);
        Bounded blocked = Bounded.start("get() on an empty queue", q::get).awaitBlocked(env.settle());
        if (blocked.isFinished()) {
            throw new AssertionError("get() on an empty queue did not wait: " + blocked.await(env.operationLimit())
                    .describe());
        }
        within("put(hello)", () -> {
            q.put("hello");
            return null;
        });
        Outcome<Object> outcome = blocked.await(env.operationLimit());
        assertThat(outcome.thrown()).as(outcome.describe()).isNull();
        assertThat(outcome.value()).as("item got by the waiting get()").isEqualTo("hello");
    }

    /** Q-GET-02. */
    @Test
    @Verifies(Rule.Q_GET_02)
    @DisplayName("Q-GET-02 the literal get(block, timeout) form behaves as billiard's")
    public void literalGet() throws Exception {
        Queue<String> q = queue(0);
        assertThrowsPromptly(Empty.class, "get(block=false, timeout=1h) on an empty queue",
                () -> q.get(false, Duration.ofHours(1)));
        Duration timeout = env.timeoutUnderTest();
        assertExpires(Empty.class, "get(block=true, timeout) on an empty queue", timeout, () -> q.get(true, timeout));
        Bounded blocked = Bounded.start("get(block=true, timeout=null)", () -> q.get(true, null))
                .awaitBlocked(env.settle());
        assertThat(blocked.isFinished()).as("get(true, null) on an empty queue must wait").isFalse();
        within("put(x)", () -> {
            q.put("x");
            return null;
        });
        assertThat(blocked.await(env.operationLimit()).value()).as("get(true, null) after a put").isEqualTo("x");
    }

    /** Q-NULL-01. */
    @Test
    @Verifies(Rule.Q_NULL_01)
    @DisplayName("Q-NULL-01 null is a legal item")
    public void nullItem() throws Exception {
        Queue<String> q = queue(2);
        within("put(null), put(after)", () -> {
            q.put(null);
            q.put("after");
            return null;
        });
        assertThat(q.full()).as("full() with null and one more item in a queue of maxsize 2").isTrue();
        assertThat(take(q)).as("the null item").isNull();
        assertThat(take(q)).as("the item after null").isEqualTo("after");
    }

    /** Q-NULL-02. */
    @Test
    @Verifies(Rule.Q_NULL_02)
    @DisplayName("Q-NULL-02 a null timeout is rejected with NullPointerException")
    public void nullTimeout() throws Exception {
        Queue<String> q = queue(1);
        assertThrowsPromptly(NullPointerException.class, "put(x, (Duration) null)", () -> {
            q.put("x", (Duration) null);
            return null;
        });
        assertThrowsPromptly(NullPointerException.class, "get((Duration) null) on an empty queue",
                () -> q.get((Duration) null));
        assertThat(q.full()).as("full() after a rejected put(x, null): nothing may have been enqueued").isFalse();
    }

    /** Q-FULL-01. */
    @Test
    @Verifies(Rule.Q_FULL_01)
    @DisplayName("Q-FULL-01 full() is true exactly when maxsize items are queued")
    public void fullFlag() throws Exception {
        Queue<String> q = queue(3);
        for (int i = 0; i < 3; i++) {
            assertThat(q.full()).as("full() with %d of 3 items", i).isFalse();
            String item = "i" + i;
            within("put", () -> {
                q.put(item);
                return null;
            });
        }
        assertThat(q.full()).as("full() with 3 of 3 items (BEHAVIOUR row 5: exact right after put)").isTrue();
        take(q);
        assertThat(q.full()).as("full() after one get from a full queue").isFalse();
        Queue<String> unbounded = queue(0);
        for (int i = 0; i < 100; i++) {
            unbounded.putNowait("u" + i);
        }
        assertThat(unbounded.full()).as("full() of an unbounded queue with 100 items").isFalse();
    }

    /** Q-EMPTY-01. */
    @Test
    @Verifies(Rule.Q_EMPTY_01)
    @DisplayName("Q-EMPTY-01 empty() reports an empty queue, and a queue with items as not empty")
    public void emptyFlag() throws Exception {
        Queue<String> q = queue(0);
        assertThat(q.empty()).as("empty() of a new queue").isTrue();
        within("put(x)", () -> {
            q.put("x");
            return null;
        });
        boolean becameNonEmpty = Bounded.call("waiting for empty() to turn false after put", env.operationLimit(),
                () -> {
                    while (q.empty()) {
                        Thread.onSpinWait();
                    }
                    return true;
                });
        assertThat(becameNonEmpty).isTrue();
        take(q);
        assertThat(q.empty()).as("empty() after the only item was got").isTrue();
    }

    /** Q-QSIZE-01. */
    @Test
    @Verifies(Rule.Q_QSIZE_01)
    @DisplayName("Q-QSIZE-01 qsize() counts the items exactly")
    public void qsizeCounts() throws Exception {
        Queue<Integer> q = queue(0);
        assertThat(q.qsize()).as("qsize() of a new queue").isZero();
        for (int i = 1; i <= 5; i++) {
            int item = i;
            within("put", () -> {
                q.put(item);
                return null;
            });
            assertThat(q.qsize()).as("qsize() right after %d puts", i).isEqualTo(i);
        }
        for (int i = 4; i >= 0; i--) {
            take(q);
            assertThat(q.qsize()).as("qsize() after a get, %d items left", i).isEqualTo(i);
        }
    }

    /** Q-VISIBLE-01. */
    @Test
    @Verifies(Rule.Q_VISIBLE_01)
    @DisplayName("Q-VISIBLE-01 an item is visible the moment put returns")
    public void immediateVisibility() throws Exception {
        Queue<Integer> q = queue(0);
        for (int i = 0; i < 50; i++) {
            int item = i;
            within("put", () -> {
                q.put(item);
                return null;
            });
            assertThat(q.empty()).as("empty() right after put(%d) returned (BEHAVIOUR row 6)", i).isFalse();
            Outcome<Integer> got = outcome("getNowait() right after put(" + i + ")", q::getNowait);
            assertThat(got.thrown()).as(got.describe() + " (BEHAVIOUR row 6: the item must be visible at once)")
                    .isNull();
            assertThat(got.value()).isEqualTo(i);
        }
    }

    /** Q-EXC-01. */
    @Test
    @Verifies(Rule.Q_EXC_01)
    @DisplayName("Q-EXC-01 Empty and Full say which queue and which bound")
    public void exceptionMessages() throws Exception {
        Queue<String> q = fullQueue(3);
        Full full = assertThrowsPromptly(Full.class, "putNowait on a full queue", () -> {
            q.putNowait("x");
            return null;
        });
        assertThat(full.getMessage()).as("Full message").isNotBlank().contains("3");
        Queue<String> empty = queue(0);
        Empty e = assertThrowsPromptly(Empty.class, "getNowait on an empty queue", empty::getNowait);
        assertThat(e.getMessage()).as("Empty message").isNotBlank();
    }

    /** Q-CLOSED-01. */
    @Test
    @Verifies(Rule.Q_CLOSED_01)
    @DisplayName("Q-CLOSED-01 every operation on a closed Queue handle raises QueueClosedException")
    public void closedHandle() {
        Queue<String> q = queue(2);
        assertThat(q.isClosed()).as("isClosed() of a new handle").isFalse();
        q.close();
        q.close();
        assertThat(q.isClosed()).as("isClosed() after close()").isTrue();
        Duration t = env.timeoutUnderTest();
        assertThrowsPromptly(QueueClosedException.class, "put after close", () -> {
            q.put("x");
            return null;
        });
        assertThrowsPromptly(QueueClosedException.class, "put(timeout) after close", () -> {
            q.put("x", t);
            return null;
        });
        assertThrowsPromptly(QueueClosedException.class, "putNowait after close", () -> {
            q.putNowait("x");
            return null;
        });
        assertThrowsPromptly(QueueClosedException.class, "get after close", q::get);
        assertThrowsPromptly(QueueClosedException.class, "get(timeout) after close", () -> q.get(t));
        assertThrowsPromptly(QueueClosedException.class, "getNowait after close", q::getNowait);
        assertThrowsPromptly(QueueClosedException.class, "empty after close", q::empty);
        assertThrowsPromptly(QueueClosedException.class, "full after close", q::full);
        if (has(Feature.QSIZE)) {
            assertThrowsPromptly(QueueClosedException.class, "qsize after close", q::qsize);
        }
    }

    /** Q-JOINTHREAD-01. */
    @Test
    @Verifies(Rule.Q_JOINTHREAD_01)
    @DisplayName("Q-JOINTHREAD-01 joinThread() before close() raises IllegalStateException")
    public void joinThreadBeforeClose() {
        Queue<String> q = queue(0);
        IllegalStateException e = assertThrowsPromptly(IllegalStateException.class, "joinThread() on an open handle",
                () -> {
                    q.joinThread();
                    return null;
                });
        assertThat(e).as("joinThread() before close() must not be reported as a closed queue")
                .isNotInstanceOf(QueueClosedException.class);
        assertThat(e.getMessage()).as("message of joinThread() before close()").isNotBlank();
    }

    /** Q-CANCELJOIN-01. */
    @Test
    @Verifies(Rule.Q_CANCELJOIN_01)
    @DisplayName("Q-CANCELJOIN-01 cancelJoinThread() makes joinThread() return at once")
    public void cancelJoinThread() throws Exception {
        Queue<Integer> q = queue(0);
        within("put 20 items", () -> {
            for (int i = 0; i < 20; i++) {
                q.put(i);
            }
            return null;
        });
        q.cancelJoinThread();
        q.close();
        within("joinThread() after cancelJoinThread() and close()", () -> {
            q.joinThread();
            return null;
        });
    }

    /** Q-INT-01. */
    @Test
    @Verifies(Rule.Q_INT_01)
    @DisplayName("Q-INT-01 put() blocked on a full queue responds to interrupt")
    public void interruptPut() throws Exception {
        Queue<String> q = fullQueue(1);
        assertInterruptible("put() on a full queue", () -> {
            q.put("interrupted");
            return null;
        });
        assertThat(take(q)).isEqualTo("item0");
        assertNoMoreItems(q, "the interrupted put() must not have enqueued its item");
    }

    /** Q-INT-02. */
    @Test
    @Verifies(Rule.Q_INT_02)
    @DisplayName("Q-INT-02 put(timeout) blocked on a full queue responds to interrupt")
    public void interruptTimedPut() throws Exception {
        Queue<String> q = fullQueue(1);
        Duration longWait = env.scenarioLimit();
        assertInterruptible("put(x, " + longWait.toSeconds() + " s) on a full queue", () -> {
            q.put("interrupted", longWait);
            return null;
        });
        assertThat(take(q)).isEqualTo("item0");
        assertNoMoreItems(q, "the interrupted put(timeout) must not have enqueued its item");
    }

    /** Q-INT-03. */
    @Test
    @Verifies(Rule.Q_INT_03)
    @DisplayName("Q-INT-03 get() blocked on an empty queue responds to interrupt")
    public void interruptGet() throws Exception {
        Queue<String> q = queue(0);
        assertInterruptible("get() on an empty queue", q::get);
        within("put(after)", () -> {
            q.put("after");
            return null;
        });
        assertThat(take(q)).as("an item put after the interrupted get()").isEqualTo("after");
    }

    /** Q-INT-04. */
    @Test
    @Verifies(Rule.Q_INT_04)
    @DisplayName("Q-INT-04 get(timeout) blocked on an empty queue responds to interrupt")
    public void interruptTimedGet() throws Exception {
        Queue<String> q = queue(0);
        Duration longWait = env.scenarioLimit();
        assertInterruptible("get(" + longWait.toSeconds() + " s) on an empty queue", () -> q.get(longWait));
        within("put(after)", () -> {
            q.put("after");
            return null;
        });
        assertThat(take(q)).as("an item put after the interrupted get(timeout)").isEqualTo("after");
    }

    /** Q-INT-05. */
    @Test
    @Verifies(Rule.Q_INT_05)
    @DisplayName("Q-INT-05 joinThread() waiting for its feeder responds to interrupt")
    public void interruptJoinThread() throws Exception {
        Queue<byte[]> q = queue(0);
        byte[] item = Items.selfChecking(5, largeItemSize());
        within("put(a " + (item.length >> 10) + " KiB item nobody reads yet)", () -> {
            q.put(item);
            return null;
        });
        q.close();
        Bounded joining = Bounded.start("joinThread() after close() with an unread large item", () -> {
            q.joinThread();
            return null;
        }).awaitBlocked(env.settle());
        if (joining.isFinished()) {
            Outcome<Object> done = joining.await(env.operationLimit());
            assertThat(done.thrown()).as(done.describe()).isNull();
            return;
        }
        joining.interrupt();
        Outcome<Object> outcome;
        try {
            outcome = joining.await(env.operationLimit());
        } catch (AssertionError e) {
            throw new AssertionError("joinThread() ignored the interrupt: " + e.getMessage(), e);
        }
        if (!outcome.threw(InterruptedException.class)) {
            throw new AssertionError("interrupting joinThread() while it waits for its feeder should make it throw"
                    + " InterruptedException, but it " + outcome.describe().substring("joinThread()".length()),
                    outcome.thrown());
        }
        if (outcome.interruptedAfter()) {
            throw new AssertionError("joinThread() threw InterruptedException but left the interrupt status set;"
                    + " java.util.concurrent clears it when throwing");
        }
    }

    /** Q-SNAPSHOT-01. */
    @Test
    @Verifies(Rule.Q_SNAPSHOT_01)
    @DisplayName("Q-SNAPSHOT-01 the receiver sees the item as it was at put")
    public void snapshotAtPut() throws Exception {
        Queue<List<Integer>> q = queue(0);
        ArrayList<Integer> list = new ArrayList<>(List.of(1, 2, 3));
        within("put(list)", () -> {
            q.put(list);
            return null;
        });
        list.add(4);
        list.set(0, -1);
        assertThat(take(q)).as("item got after the sender mutated it (BEHAVIOUR row 8: snapshot at put)")
                .isEqualTo(List.of(1, 2, 3));
    }

    /** Q-ENCODE-01. */
    @Test
    @Verifies(Rule.Q_ENCODE_01)
    @DisplayName("Q-ENCODE-01 an item that cannot be encoded fails at put and leaves the queue untouched")
    public void unencodableItem() throws Exception {
        Queue<Object> q = queue(2);
        CodecException e = assertThrowsPromptly(CodecException.class, "put(NotSerializableItem)", () -> {
            q.put(new NotSerializableItem(1));
            return null;
        });
        assertThat(e.getMessage()).as("CodecException message must name the offending type")
                .contains("NotSerializableItem");
        assertThrowsPromptly(CodecException.class, "putNowait(NotSerializableItem)", () -> {
            q.putNowait(new NotSerializableItem(2));
            return null;
        });
        if (has(Feature.QSIZE)) {
            assertThat(q.qsize()).as("qsize() after rejected puts").isZero();
        }
        within("put(a), putNowait(b) into the 2 slots a rejected item must not have taken", () -> {
            q.put("a");
            q.putNowait("b");
            return null;
        });
        assertThat(List.of(take(q), take(q))).containsExactly("a", "b");
        assertNoMoreItems(q, "rejected items must not be enqueued");
    }

    /** Q-DECODE-01. */
    @Test
    @Verifies(Rule.Q_DECODE_01)
    @DisplayName("Q-DECODE-01 an item that arrives intact but cannot be decoded fails its get with CodecException and"
            + " is consumed")
    public void undecodableItem() throws Exception {
        Queue<String> q = track(ctx.queue(0, new PoisonCodec()));
        Duration wait = env.operationLimit();
        List<String> forms = List.of("get()", "get(timeout)", "getNowait()");
        for (String form : forms) {
            within("put(before), put(poison), put(after)", () -> {
                q.put("before");
                q.put(PoisonCodec.POISON);
                q.put("after");
                return null;
            });
            assertThat(take(q)).as("the item before the undecodable one").isEqualTo("before");
            if (!has(Feature.IMMEDIATE_VISIBILITY)) {
                Bounded.call("waiting for the undecodable item to become readable", wait, () -> {
                    while (q.empty()) {
                        Thread.onSpinWait();
                    }
                    return null;
                });
            }
            CodecException e = assertThrowsPromptly(CodecException.class, form + " of an item its codec cannot decode",
                    () -> form.equals("get()") ? q.get() : form.equals("get(timeout)") ? q.get(wait) : q.getNowait());
            assertThat(e.getMessage()).as("CodecException message at " + form).isNotBlank();
            assertThat(take(q)).as("the item after the undecodable one, got after " + form + " raised CodecException"
                    + " (the undecodable item must be consumed)").isEqualTo("after");
        }
        assertNoMoreItems(q, "every item was got or consumed by a failed decode");
        org.jbilliard.SimpleQueue<String> simple = track(ctx.simpleQueue(new PoisonCodec()));
        within("SimpleQueue.put(poison), put(after)", () -> {
            simple.put(PoisonCodec.POISON);
            simple.put("after");
            return null;
        });
        assertThrowsPromptly(CodecException.class, "SimpleQueue.get() of an item its codec cannot decode", simple::get);
        assertThat(within("SimpleQueue.get() after the undecodable item", simple::get))
                .as("the SimpleQueue item after the undecodable one").isEqualTo("after");
    }

    /** Q-TOOLARGE-01. */
    @Test
    @Verifies(Rule.Q_TOOLARGE_01)
    @DisplayName("Q-TOOLARGE-01 an item over maxItemBytes fails at put with ItemTooLargeException")
    public void itemTooLarge() throws Exception {
        int limit = ctx.maxItemBytes();
        Assumptions.assumeTrue(limit <= 64 << 20, "not verified: maxItemBytes() is " + limit
                + " bytes, above the 64 MiB the TCK will allocate");
        Queue<byte[]> q = queue(0);
        ItemTooLargeException e = assertThrowsPromptly(ItemTooLargeException.class,
                "put(byte[maxItemBytes + 1])", () -> {
                    q.put(new byte[limit + 1]);
                    return null;
                });
        assertThat(e.limit()).as("ItemTooLargeException.limit()").isEqualTo(limit);
        assertThat(e.size()).as("ItemTooLargeException.size()").isGreaterThan(limit);
        assertThat(q.empty()).as("empty() after a rejected oversized put").isTrue();
        byte[] justBelow = new byte[Math.max(0, limit - 4096)];
        justBelow[justBelow.length / 2] = 7;
        within("put(byte[maxItemBytes - 4096])", () -> {
            q.put(justBelow);
            return null;
        });
        assertThat(take(q)).as("an item just below the limit").isEqualTo(justBelow);
    }

    /** JQ-FULL-01 lives here because it is about Full. */
    @Test
    @Verifies(Rule.JQ_FULL_01)
    @DisplayName("JQ-FULL-01 a rejected put does not count as an unfinished task")
    public void rejectedPutIsNoTask() throws Exception {
        JoinableQueue<String> q = joinable(1);
        within("put(a)", () -> {
            q.put("a");
            return null;
        });
        assertThrowsPromptly(Full.class, "putNowait(b) on a full joinable queue", () -> {
            q.putNowait("b");
            return null;
        });
        Duration timeout = env.timeoutUnderTest();
        assertThrowsPromptly(Full.class, "put(c, timeout) on a full joinable queue", () -> {
            q.put("c", timeout);
            return null;
        });
        assertThat(take(q)).isEqualTo("a");
        q.taskDone();
        assertThat(within("join(0) after the only accepted item was done", () -> q.join(Duration.ZERO)))
                .as("join(0): rejected puts must not have raised the unfinished-task count").isTrue();
    }
}
