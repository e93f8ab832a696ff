package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules about optional features: attach by address, and the declared absence of QSIZE and attach. */
public class FeatureRules extends RuleTest {

    /** Creates the test. */
    public FeatureRules() {
    }

    /** FEAT-QSIZE-01. */
    @Test
    @Verifies(Rule.FEAT_QSIZE_01)
    @DisplayName("FEAT-QSIZE-01 without QSIZE, qsize() raises UnsupportedOperationException")
    public void noQsize() {
        Queue<String> q = queue(3);
        assertThrowsPromptly(UnsupportedOperationException.class, "qsize() of a Queue without QSIZE", q::qsize);
        JoinableQueue<String> jq = joinable(3);
        assertThrowsPromptly(UnsupportedOperationException.class, "qsize() of a JoinableQueue without QSIZE", jq::qsize);
    }

    /** FEAT-ATTACH-01. */
    @Test
    @Verifies(Rule.FEAT_ATTACH_01)
    @DisplayName("FEAT-ATTACH-01 attach by address gives a handle on the same queue")
    public void attach() throws Exception {
        Queue<String> q = queue(2);
        Queue<String> attached = track(ctx.attachQueue(within("Queue.address()", q::address)));
        within("put(via attached handle)", () -> {
            attached.put("via attached handle");
            return null;
        });
        java.time.Duration wait = env.operationLimit();
        org.jbilliard.tck.support.Outcome<String> got = org.jbilliard.tck.support.Bounded.outcome(
                "get(timeout) on the original handle", wait.plus(env.operationLimit()), () -> q.get(wait));
        if (got.thrown() != null || !"via attached handle".equals(got.value())) {
            throw new AssertionError("an item put on the attached handle must be got from the original handle (same"
                    + " queue), but " + got.describe(), got.thrown());
        }
        assertThat(attached.maxsize()).as("maxsize() of the attached handle").isEqualTo(2);

        JoinableQueue<Integer> jq = joinable(0);
        JoinableQueue<Integer> jAttached = track(ctx.attachJoinableQueue(within("JoinableQueue.address()", jq::address)));
        within("put(1) on the original joinable queue", () -> {
            jq.put(1);
            return null;
        });
        assertThat(take(jAttached)).as("item got through the attached joinable handle").isEqualTo(1);
        jAttached.taskDone();
        assertThat(within("join(0) on the original", () -> jq.join(java.time.Duration.ZERO)))
                .as("taskDone() through the attached handle counts for the original").isTrue();

        SimpleQueue<String> sq = simple();
        SimpleQueue<String> sAttached = track(ctx.attachSimpleQueue(within("SimpleQueue.address()", sq::address)));
        within("SimpleQueue.put on the original", () -> {
            sq.put("simple");
            return null;
        });
        assertThat(within("get() on the attached SimpleQueue", sAttached::get)).isEqualTo("simple");

        String unknown = q.address() + "-no-such-queue-" + UUID.randomUUID();
        assertThrowsPromptly(IllegalArgumentException.class, "attachQueue(unknown address)",
                () -> ctx.attachQueue(unknown));
        assertThrowsPromptly(IllegalArgumentException.class, "attachSimpleQueue(address of a Queue)",
                () -> ctx.attachSimpleQueue(q.address()));
    }

    /** FEAT-ATTACH-02. */
    @Test
    @Verifies(Rule.FEAT_ATTACH_02)
    @DisplayName("FEAT-ATTACH-02 without ATTACH_BY_ADDRESS, address() and attach raise UnsupportedOperationException")
    public void noAttach() {
        Queue<String> q = queue(0);
        JoinableQueue<String> jq = joinable(0);
        SimpleQueue<String> sq = simple();
        assertThrowsPromptly(UnsupportedOperationException.class, "Queue.address() without ATTACH_BY_ADDRESS", q::address);
        assertThrowsPromptly(UnsupportedOperationException.class, "JoinableQueue.address() without ATTACH_BY_ADDRESS",
                jq::address);
        assertThrowsPromptly(UnsupportedOperationException.class, "SimpleQueue.address() without ATTACH_BY_ADDRESS",
                sq::address);
        assertThrowsPromptly(UnsupportedOperationException.class, "attachQueue() without ATTACH_BY_ADDRESS",
                () -> ctx.attachQueue("any"));
        assertThrowsPromptly(UnsupportedOperationException.class, "attachJoinableQueue() without ATTACH_BY_ADDRESS",
                () -> ctx.attachJoinableQueue("any"));
        assertThrowsPromptly(UnsupportedOperationException.class, "attachSimpleQueue() without ATTACH_BY_ADDRESS",
                () -> ctx.attachSimpleQueue("any"));
    }
}
