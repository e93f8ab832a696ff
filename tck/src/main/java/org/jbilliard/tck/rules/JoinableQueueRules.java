package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jbilliard.CodecException;
import org.jbilliard.JoinableQueue;
import org.jbilliard.QueueClosedException;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.support.Bounded;
import org.jbilliard.tck.support.NotSerializableItem;
import org.jbilliard.tck.support.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules about {@link JoinableQueue}'s unfinished-task count. */
public class JoinableQueueRules extends RuleTest {

    /** Creates the test. */
    public JoinableQueueRules() {
    }

    private boolean joinNow(JoinableQueue<?> q, String when) {
        return within("join(Duration.ZERO) " + when, () -> q.join(Duration.ZERO));
    }

    private void putAll(JoinableQueue<Integer> q, int n) {
        within("put " + n + " items", () -> {
            for (int i = 0; i < n; i++) {
                q.put(i);
            }
            return null;
        });
    }

    /** JQ-COUNT-01. */
    @Test
    @Verifies(Rule.JQ_COUNT_01)
    @DisplayName("JQ-COUNT-01 join(timeout) reports whether every put item was marked done")
    public void countsTasks() throws Exception {
        JoinableQueue<Integer> q = joinable(0);
        assertThat(joinNow(q, "on a new queue")).as("join(0) of a new joinable queue").isTrue();
        putAll(q, 3);
        for (int done = 0; done < 3; done++) {
            assertThat(joinNow(q, "with " + (3 - done) + " unfinished"))
                    .as("join(0) with 3 items put and %d marked done", done).isFalse();
            take(q);
            q.taskDone();
        }
        assertThat(joinNow(q, "after the last taskDone()")).as("join(0) after 3 puts and 3 taskDone()").isTrue();
    }

    /** JQ-TASKDONE-01. */
    @Test
    @Verifies(Rule.JQ_TASKDONE_01)
    @DisplayName("JQ-TASKDONE-01 taskDone() too many times raises IllegalStateException")
    public void taskDoneTooOften() throws Exception {
        JoinableQueue<Integer> q = joinable(0);
        IllegalStateException e = assertThrowsPromptly(IllegalStateException.class, "taskDone() on a zero count",
                () -> {
                    q.taskDone();
                    return null;
                });
        assertThat(e.getMessage()).as("message of taskDone() called too often (billiard's ValueError text)")
                .isEqualTo("task_done() called too many times");
        putAll(q, 1);
        take(q);
        q.taskDone();
        assertThrowsPromptly(IllegalStateException.class, "taskDone() after the only task was done", () -> {
            q.taskDone();
            return null;
        });
        assertThat(joinNow(q, "after a rejected taskDone()")).as("join(0): the count must have stayed zero").isTrue();
        putAll(q, 1);
        assertThat(joinNow(q, "after one more put")).as("join(0): the count must be exactly 1, not 0 (it went"
                + " negative?)").isFalse();
    }

    /** JQ-JOIN-01. */
    @Test
    @Verifies(Rule.JQ_JOIN_01)
    @DisplayName("JQ-JOIN-01 join() waits for the last taskDone and no longer")
    public void joinWaitsForLastTask() throws Exception {
        JoinableQueue<Integer> q = joinable(0);
        within("join() with a zero count", () -> {
            q.join();
            return null;
        });
        putAll(q, 2);
        take(q);
        take(q);
        Bounded joining = Bounded.start("join() with 2 unfinished tasks", () -> {
            q.join();
            return null;
        }).awaitBlocked(env.settle());
        assertThat(joining.isFinished()).as("join() returned with 2 unfinished tasks").isFalse();
        q.taskDone();
        boolean early = joining.awaitQuietly(env.settle());
        assertThat(early).as("join() returned after only 1 of 2 taskDone() calls (BEHAVIOUR row 14: no early return)")
                .isFalse();
        q.taskDone();
        Outcome<Object> outcome = joining.await(env.operationLimit());
        assertThat(outcome.thrown()).as(outcome.describe()).isNull();
    }

    /** JQ-JOIN-02. */
    @Test
    @Verifies(Rule.JQ_JOIN_02)
    @DisplayName("JQ-JOIN-02 join(timeout) returns false after the timeout, not before and not much later")
    public void joinTimeoutBounds() {
        JoinableQueue<Integer> q = joinable(0);
        putAll(q, 1);
        Duration timeout = env.timeoutUnderTest();
        Outcome<?> outcome = assertExpires(null, "join(" + timeout.toMillis() + " ms) with an unfinished task", timeout,
                () -> q.join(timeout));
        assertThat(outcome.value()).as("join(timeout) with an unfinished task must return false").isEqualTo(false);
    }

    /** JQ-INT-01. */
    @Test
    @Verifies(Rule.JQ_INT_01)
    @DisplayName("JQ-INT-01 join() responds to interrupt")
    public void interruptJoin() throws Exception {
        JoinableQueue<Integer> q = joinable(0);
        putAll(q, 1);
        assertInterruptible("join() with an unfinished task", () -> {
            q.join();
            return null;
        });
        assertThat(joinNow(q, "after the interrupted join()")).as("count after an interrupted join()").isFalse();
        take(q);
        q.taskDone();
        assertThat(joinNow(q, "after the last taskDone()")).isTrue();
    }

    /** JQ-INT-02. */
    @Test
    @Verifies(Rule.JQ_INT_02)
    @DisplayName("JQ-INT-02 join(timeout) responds to interrupt")
    public void interruptTimedJoin() {
        JoinableQueue<Integer> q = joinable(0);
        putAll(q, 1);
        Duration longWait = env.scenarioLimit();
        assertInterruptible("join(" + longWait.toSeconds() + " s) with an unfinished task", () -> q.join(longWait));
        assertThat(joinNow(q, "after the interrupted join(timeout)")).isFalse();
    }

    /** JQ-CLOSED-01. */
    @Test
    @Verifies(Rule.JQ_CLOSED_01)
    @DisplayName("JQ-CLOSED-01 taskDone and join on a closed handle raise QueueClosedException")
    public void closedJoinable() {
        JoinableQueue<Integer> q = joinable(0);
        q.close();
        Duration t = env.timeoutUnderTest();
        assertThrowsPromptly(QueueClosedException.class, "taskDone() after close", () -> {
            q.taskDone();
            return null;
        });
        assertThrowsPromptly(QueueClosedException.class, "join() after close", () -> {
            q.join();
            return null;
        });
        assertThrowsPromptly(QueueClosedException.class, "join(timeout) after close", () -> q.join(t));
        assertThrowsPromptly(QueueClosedException.class, "put() after close", () -> {
            q.put(1);
            return null;
        });
    }

    /** JQ-ENCODE-01. */
    @Test
    @Verifies(Rule.JQ_ENCODE_01)
    @DisplayName("JQ-ENCODE-01 an item that cannot be encoded does not count as an unfinished task")
    public void unencodableIsNoTask() {
        JoinableQueue<Object> q = joinable(0);
        assertThrowsPromptly(CodecException.class, "put(NotSerializableItem) on a joinable queue", () -> {
            q.put(new NotSerializableItem(3));
            return null;
        });
        assertThat(joinNow(q, "after a rejected put")).as("join(0) after a put that threw CodecException (BEHAVIOUR"
                + " row 7: unfinished-task count unchanged)").isTrue();
    }
}
