package org.jbilliard.tck.rules;

import java.time.Duration;
import java.util.ArrayDeque;
import org.jbilliard.Context;
import org.jbilliard.Empty;
import org.jbilliard.Feature;
import org.jbilliard.Full;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.tck.TckEnvironment;
import org.jbilliard.tck.support.Bounded;
import org.jbilliard.tck.support.Items;
import org.jbilliard.tck.support.Outcome;
import org.jbilliard.tck.support.ThrowingCall;

/**
 * The state of one stateful property run: a real queue and its model (a FIFO of the items that must be in
 * it, its bound, and for a joinable queue the unfinished-task count). Every action performs one call on
 * the real queue, bounded in time, and checks its outcome against the model.
 *
 * <p>Items are consecutive integers, so a dropped, duplicated or reordered item is always visible. Reads
 * of an item the model says is there use a blocking {@code get(timeout)}, whatever the declared
 * {@link Feature features}: billiard's feeder may not have flushed it yet, and
 * {@link Feature#IMMEDIATE_VISIBILITY} is verified by its own rule.
 *
 * <p>Not thread-safe: one instance per property try, driven by jqwik's single thread. Each call is bounded
 * by the operation limit and fails with an {@link AssertionError} that says what the model expected.
 */
public final class QueueModel {

    private final Context ctx;
    private final TckEnvironment env;
    private final Queue<Integer> queue;
    private final JoinableQueue<Integer> joinable;
    private final int maxsize;
    private final ArrayDeque<Integer> expected = new ArrayDeque<>();
    private int unfinished;
    private int got;
    private int next;

    private QueueModel(Context ctx, int maxsize, boolean joinableKind) {
        this.ctx = ctx;
        this.env = TckEnvironment.current();
        this.maxsize = maxsize;
        if (joinableKind) {
            this.joinable = ctx.joinableQueue(maxsize);
            this.queue = joinable;
        } else {
            this.joinable = null;
            this.queue = ctx.queue(maxsize);
        }
    }

    /**
     * Creates the state for a bounded queue.
     *
     * @param ctx     the implementation
     * @param maxsize the bound
     * @return the state
     */
    public static QueueModel queue(Context ctx, int maxsize) {
        return new QueueModel(ctx, maxsize, false);
    }

    /**
     * Creates the state for a joinable queue.
     *
     * @param ctx     the implementation
     * @param maxsize the bound
     * @return the state
     */
    public static QueueModel joinable(Context ctx, int maxsize) {
        return new QueueModel(ctx, maxsize, true);
    }

    /** Closes the real queue. */
    public void close() {
        queue.close();
    }

    /** @return whether the model holds maxsize items */
    public boolean isFull() {
        return expected.size() >= maxsize;
    }

    /** @return whether the model holds no item */
    public boolean isEmpty() {
        return expected.isEmpty();
    }

    private int unfinishedGot() {
        return unfinished - expected.size();
    }

    private <T> Outcome<T> run(String what, ThrowingCall<T> call) {
        try {
            return Bounded.outcome(what, env.operationLimit().multipliedBy(2), call);
        } catch (AssertionError hung) {
            throw new AssertionError(what + ": the model expects it to return promptly (the queue holds " + expected
                    + ", maxsize " + maxsize + "), but " + hung.getMessage(), hung);
        }
    }

    private static AssertionError mismatch(String what, String expectation, Outcome<?> outcome) {
        return new AssertionError(what + ": the model expects " + expectation + ", but " + outcome.describe(),
                outcome.thrown());
    }

    private void accepted() {
        expected.addLast(next);
        next++;
        unfinished++;
    }

    /** put(next) on a non-full queue. */
    public void put() {
        int item = next;
        Outcome<Object> outcome = run("put(" + item + ")", () -> {
            queue.put(item);
            return null;
        });
        if (outcome.thrown() != null) {
            throw mismatch("put(" + item + ")", "success (size " + expected.size() + " < maxsize " + maxsize + ")", outcome);
        }
        accepted();
    }

    /** putNowait(next): Full exactly when the model is full. */
    public void putNowait() {
        offer("putNowait(" + next + ")", item -> queue.putNowait(item));
    }

    /** put(next, 0 ms): Full exactly when the model is full. */
    public void putZeroTimeout() {
        offer("put(" + next + ", 0 ms)", item -> queue.put(item, Duration.ZERO));
    }

    /** put(next, 1 ms): Full exactly when the model is full. */
    public void putShortTimeout() {
        offer("put(" + next + ", 1 ms)", item -> queue.put(item, Duration.ofMillis(1)));
    }

    private interface Offer {
        void offer(int item) throws Exception;
    }

    private void offer(String what, Offer offer) {
        int item = next;
        Outcome<Object> outcome = run(what, () -> {
            offer.offer(item);
            return null;
        });
        if (isFull()) {
            if (!outcome.threw(Full.class)) {
                throw mismatch(what, "Full (the queue holds maxsize=" + maxsize + " items)", outcome);
            }
            next++;
        } else {
            if (outcome.thrown() != null) {
                throw mismatch(what, "success (size " + expected.size() + " < maxsize " + maxsize + ")", outcome);
            }
            accepted();
        }
    }

    /** get() on a non-empty queue: the model's head. */
    public void get() {
        take("get()", queue::get);
    }

    /** getNowait(): the head, or Empty when the model is empty. */
    public void getNowait() {
        poll("getNowait()", queue::getNowait);
    }

    /** get(0 ms): the head, or Empty when the model is empty. */
    public void getZeroTimeout() {
        poll("get(0 ms)", () -> queue.get(Duration.ZERO));
    }

    private void poll(String what, ThrowingCall<Integer> call) {
        if (isEmpty()) {
            Outcome<Integer> outcome = run(what, call);
            if (!outcome.threw(Empty.class)) {
                throw mismatch(what, "Empty (the queue holds no item)", outcome);
            }
            return;
        }
        // NOTE: an item the model holds is read with a blocking get, whatever the features: visibility is
        // Q-VISIBLE-01's business, this property checks FIFO order, bounds, Full and Empty.
        Duration wait = env.operationLimit();
        take(what + " as get(" + wait.toMillis() + " ms)", () -> queue.get(wait));
    }

    private void take(String what, ThrowingCall<Integer> call) {
        Integer head = expected.peekFirst();
        Outcome<Integer> outcome = run(what, call);
        if (outcome.thrown() != null || !Items.equivalent(head, outcome.value())) {
            throw mismatch(what, "the item " + head + " (FIFO; queue holds " + expected + ")", outcome);
        }
        expected.removeFirst();
        got++;
    }

    /** qsize() equals the model's size (only where QSIZE is declared). */
    public void qsize() {
        if (!ctx.supports(Feature.QSIZE)) {
            return;
        }
        Outcome<Integer> outcome = run("qsize()", queue::qsize);
        if (outcome.thrown() != null || outcome.value() != expected.size()) {
            throw mismatch("qsize()", String.valueOf(expected.size()), outcome);
        }
    }

    /** empty() agrees with the model (an item not yet visible may be tolerated without IMMEDIATE_VISIBILITY). */
    public void empty() {
        Outcome<Boolean> outcome = run("empty()", queue::empty);
        boolean strict = isEmpty();
        if (outcome.thrown() != null || (strict && outcome.value() != isEmpty())) {
            throw mismatch("empty()", String.valueOf(isEmpty()), outcome);
        }
    }

    /** full() agrees with the model (exact right after put, BEHAVIOUR row 5). */
    public void full() {
        Outcome<Boolean> outcome = run("full()", queue::full);
        if (outcome.thrown() != null || outcome.value() != isFull()) {
            throw mismatch("full()", String.valueOf(isFull()), outcome);
        }
    }

    /** taskDone() for an item that was got. */
    public void taskDone() {
        Outcome<Object> outcome = run("taskDone()", () -> {
            joinable.taskDone();
            return null;
        });
        if (outcome.thrown() != null) {
            throw mismatch("taskDone()", "success (" + unfinishedGot() + " got items are unfinished)", outcome);
        }
        unfinished--;
    }

    /** taskDone() with no unfinished task: IllegalStateException. */
    public void taskDoneTooOften() {
        Outcome<Object> outcome = run("taskDone()", () -> {
            joinable.taskDone();
            return null;
        });
        if (!outcome.threw(IllegalStateException.class)) {
            throw mismatch("taskDone()", "IllegalStateException (no unfinished task)", outcome);
        }
    }

    /** join(0): true exactly when no task is unfinished. */
    public void joinNow() {
        Outcome<Boolean> outcome = run("join(0 ms)", () -> joinable.join(Duration.ZERO));
        if (outcome.thrown() != null || outcome.value() != (unfinished == 0)) {
            throw mismatch("join(0 ms)", String.valueOf(unfinished == 0) + " (" + unfinished + " unfinished)", outcome);
        }
    }

    /** @return whether a taskDone() is legal now */
    public boolean canTaskDone() {
        return unfinishedGot() > 0;
    }

    /** @return whether no task is unfinished */
    public boolean allDone() {
        return unfinished == 0;
    }

    @Override
    public String toString() {
        return "QueueModel[maxsize=" + maxsize + ", items=" + expected + ", unfinished=" + unfinished + "]";
    }
}
