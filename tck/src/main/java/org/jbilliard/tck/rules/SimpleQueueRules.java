package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jbilliard.Codec;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.QueueClosedException;
import org.jbilliard.SimpleQueue;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.support.Bounded;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules about {@link SimpleQueue}. */
public class SimpleQueueRules extends RuleTest {

    /** Creates the test. */
    public SimpleQueueRules() {
    }

    private static <T> void put(RuleTest test, SimpleQueue<T> q, T item) {
        test.within("SimpleQueue.put(" + item + ")", () -> {
            q.put(item);
            return null;
        });
    }

    /** SQ-PUTGET-01. */
    @Test
    @Verifies(Rule.SQ_PUTGET_01)
    @DisplayName("SQ-PUTGET-01 SimpleQueue put then get returns equal items in order")
    public void putThenGet() {
        SimpleQueue<Object> q = simple();
        List<Object> sent = Arrays.asList("A", null, 3, List.of("x"), "D");
        for (Object item : sent) {
            put(this, q, item);
        }
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            got.add(within("SimpleQueue.get() with items available", q::get));
        }
        assertThat(got).as("items got from a SimpleQueue, in order").isEqualTo(sent);
        Bounded waiting = Bounded.start("SimpleQueue.get() on an empty queue", q::get).awaitBlocked(env.settle());
        assertThat(waiting.isFinished()).as("SimpleQueue.get() on an empty queue must wait").isFalse();
        put(this, q, "late");
        assertThat(waiting.await(env.operationLimit()).value()).as("item got by a waiting get()").isEqualTo("late");
    }

    /** SQ-EMPTY-01. */
    @Test
    @Verifies(Rule.SQ_EMPTY_01)
    @DisplayName("SQ-EMPTY-01 SimpleQueue.empty() works")
    public void emptyWorks() {
        SimpleQueue<String> q = simple();
        assertThat(within("empty() of a new SimpleQueue", q::empty)).as("empty() of a new SimpleQueue (BEHAVIOUR"
                + " row 15)").isTrue();
        put(this, q, "x");
        assertThat(within("empty() after put", q::empty)).as("SimpleQueue.empty() after put returned").isFalse();
        within("get()", q::get);
        assertThat(within("empty() after get", q::empty)).as("SimpleQueue.empty() after the only item was got")
                .isTrue();
    }

    /** SQ-PAYLOAD-02. */
    @Test
    @Verifies(Rule.SQ_PAYLOAD_02)
    @DisplayName("SQ-PAYLOAD-02 payloads and items interoperate through the queue's codec")
    public void payloadsAndItems() {
        SimpleQueue<Object> q = simple();
        Codec codec = ctx.defaultCodec();
        put(this, q, "item");
        byte[] payload = within("getPayload() after put(item)", q::getPayload);
        assertThat(codec.decode(payload, 0, payload.length)).as("the payload of put(\"item\") decoded with the"
                + " default codec").isEqualTo("item");
        byte[] encoded = codec.encode(List.of(1, 2));
        within("sendPayload(codec.encode([1, 2]))", () -> {
            q.sendPayload(encoded);
            return null;
        });
        assertThat(within("get() after sendPayload", q::get)).as("get() of a payload sent with sendPayload")
                .isEqualTo(List.of(1, 2));
        byte[] raw = {1, 2, 3, 4, 5};
        within("sendPayload(raw)", () -> {
            q.sendPayload(raw);
            return null;
        });
        raw[0] = 99;
        assertThat(within("getPayload()", q::getPayload)).as("payload after the sender mutated its array: sendPayload"
                + " must copy").containsExactly(1, 2, 3, 4, 5);
    }

    /** SQ-CLOSED-01. */
    @Test
    @Verifies(Rule.SQ_CLOSED_01)
    @DisplayName("SQ-CLOSED-01 every operation on a closed SimpleQueue handle raises QueueClosedException")
    public void closedSimple() {
        SimpleQueue<String> q = simple();
        assertThat(q.isClosed()).isFalse();
        q.close();
        q.close();
        assertThat(q.isClosed()).as("isClosed() after close()").isTrue();
        assertThrowsPromptly(QueueClosedException.class, "SimpleQueue.put() after close", () -> {
            q.put("x");
            return null;
        });
        assertThrowsPromptly(QueueClosedException.class, "SimpleQueue.sendPayload() after close", () -> {
            q.sendPayload(new byte[] {1});
            return null;
        });
        assertThrowsPromptly(QueueClosedException.class, "SimpleQueue.empty() after close", q::empty);
        assertThrowsPromptly(QueueClosedException.class, "SimpleQueue.get() after close", q::get);
        assertThrowsPromptly(QueueClosedException.class, "SimpleQueue.getPayload() after close", q::getPayload);
    }

    /** SQ-INT-01. */
    @Test
    @Verifies(Rule.SQ_INT_01)
    @DisplayName("SQ-INT-01 SimpleQueue.get() responds to interrupt")
    public void interruptGet() {
        SimpleQueue<String> q = simple();
        assertInterruptible("SimpleQueue.get() on an empty queue", q::get);
        put(this, q, "after");
        assertThat(within("get() after an interrupted get()", q::get)).isEqualTo("after");
    }

    /** SQ-INT-02. */
    @Test
    @Verifies(Rule.SQ_INT_02)
    @DisplayName("SQ-INT-02 SimpleQueue.getPayload() responds to interrupt")
    public void interruptGetPayload() {
        SimpleQueue<String> q = simple();
        assertInterruptible("SimpleQueue.getPayload() on an empty queue", q::getPayload);
        put(this, q, "after");
        assertThat(within("get() after an interrupted getPayload()", q::get)).isEqualTo("after");
    }

    /** SQ-TOOLARGE-01. */
    @Test
    @Verifies(Rule.SQ_TOOLARGE_01)
    @DisplayName("SQ-TOOLARGE-01 a SimpleQueue payload over maxItemBytes is rejected at the call")
    public void payloadTooLarge() {
        int limit = ctx.maxItemBytes();
        Assumptions.assumeTrue(limit <= 64 << 20, "not verified: maxItemBytes() is " + limit
                + " bytes, above the 64 MiB the TCK will allocate");
        SimpleQueue<byte[]> q = simple();
        ItemTooLargeException e = assertThrowsPromptly(ItemTooLargeException.class,
                "sendPayload(maxItemBytes + 1 bytes)", () -> {
                    q.sendPayload(new byte[limit + 1]);
                    return null;
                });
        assertThat(e.limit()).as("ItemTooLargeException.limit()").isEqualTo(limit);
        assertThrowsPromptly(ItemTooLargeException.class, "SimpleQueue.put(byte[maxItemBytes + 1])", () -> {
            q.put(new byte[limit + 1]);
            return null;
        });
        assertThat(within("empty() after rejected payloads", q::empty)).as("nothing may have been written").isTrue();
    }

    /** SQ-INT-03. */
    @Test
    @Verifies(Rule.SQ_INT_03)
    @DisplayName("SQ-INT-03 SimpleQueue.put()/sendPayload() waiting to write responds to interrupt and writes nothing")
    public void interruptWriters() throws Exception {
        SimpleQueue<String> q = simple();
        byte[] large = org.jbilliard.tck.support.Items.selfChecking(3, largeItemSize());
        Bounded writer = Bounded.start("sendPayload(a " + (large.length >> 10) + " KiB payload nobody reads yet)", () -> {
            q.sendPayload(large);
            return null;
        }).awaitBlocked(env.settle());
        List<String> interrupted = new ArrayList<>();
        for (String form : List.of("sendPayload", "put")) {
            String what = "SimpleQueue." + form + "() while another thread's sendPayload of a large payload is under way";
            Bounded second = Bounded.start(what, () -> {
                if (form.equals("put")) {
                    q.put("from an interrupted put");
                } else {
                    q.sendPayload(new byte[] {42});
                }
                return null;
            }).awaitBlocked(env.settle());
            if (second.isFinished()) {
                org.jbilliard.tck.support.Outcome<Object> done = second.await(env.operationLimit());
                assertThat(done.thrown()).as(done.describe()).isNull();
                continue;
            }
            second.interrupt();
            org.jbilliard.tck.support.Outcome<Object> outcome;
            try {
                outcome = second.await(env.operationLimit());
            } catch (AssertionError e) {
                throw new AssertionError(what + " ignored the interrupt: " + e.getMessage(), e);
            }
            if (!outcome.threw(InterruptedException.class)) {
                throw new AssertionError("interrupting " + what + " should make it throw InterruptedException, but it "
                        + outcome.describe().substring(what.length() + 1), outcome.thrown());
            }
            if (outcome.interruptedAfter()) {
                throw new AssertionError(what + " threw InterruptedException but left the interrupt status set");
            }
            interrupted.add(form);
        }
        byte[] first = within("getPayload() of the large payload", q::getPayload);
        assertThat(first).as("the first payload got: the large one, intact").isEqualTo(large);
        assertThat(writer.await(env.operationLimit()).thrown()).as("the large sendPayload once a reader took it").isNull();
        int completed = 2 - interrupted.size();
        for (int i = 0; i < completed; i++) {
            within("getPayload() of a write that completed", q::getPayload);
        }
        within("put(last) after the interrupted writes", () -> {
            q.put("last");
            return null;
        });
        assertThat(within("get() after the interrupted writes", q::get))
                .as("the next item after the large payload (interrupted writes %s must have written nothing)",
                        interrupted).isEqualTo("last");
    }
}
