package org.jbilliard.dummy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.junit.jupiter.api.Test;

/** What the dummy context promises beyond the TCK: how it is found, configured and what it declares. */
class DummyContextTest {

    @Test
    void isFoundByNameThroughTheServiceLoader() {
        assertThat(Context.load("dummy")).isInstanceOf(DummyContext.class);
    }

    @Test
    void declaresOnlyWhatItDoes() {
        assertThat(new DummyContext().features())
                .containsExactlyInAnyOrder(Feature.QSIZE, Feature.IMMEDIATE_VISIBILITY, Feature.ENCODE_AT_PUT);
    }

    @Test
    void theItemLimitIsConfigurable() throws Exception {
        Context ctx = new DummyContext(1024);
        assertThat(ctx.maxItemBytes()).isEqualTo(1024);
        try (Queue<byte[]> q = ctx.queue()) {
            assertThatThrownBy(() -> q.put(new byte[4096])).isInstanceOf(ItemTooLargeException.class);
            q.put(new byte[16]);
            assertThat(q.get(Duration.ofSeconds(5))).hasSize(16);
        }
        assertThatThrownBy(() -> new DummyContext(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxItemBytes must be positive");
    }

    @Test
    void aTaskWorksOnCopiesAndNewHandles() throws Exception {
        Context ctx = new DummyContext();
        ArrayList<String> captured = new ArrayList<>(List.of("parent"));
        try (Queue<List<String>> results = ctx.queue();
             TaskProcess child = ctx.process(() -> {
                 captured.add("child");
                 results.put(captured);
             })) {
            child.start();
            assertThat(results.get(Duration.ofSeconds(10))).containsExactly("parent", "child");
            assertThat(child.join(Duration.ofSeconds(10))).isTrue();
            assertThat(child.exitCode()).hasValue(0);
        }
        assertThat(captured).as("the parent's list after the task changed its copy").containsExactly("parent");
    }

    @Test
    void aQueueCapturedByATaskOutlivesTheParentsHandle() throws Exception {
        Context ctx = new DummyContext();
        try (Queue<String> results = ctx.queue(); TaskProcess child = readerOfAQueueItsParentDropped(ctx, results)) {
            System.gc();
            child.start();
            assertThat(results.get(Duration.ofSeconds(10))).isEqualTo("kept");
        }
    }

    /** A process whose task captured a queue of which the parent keeps no handle. */
    private static TaskProcess readerOfAQueueItsParentDropped(Context ctx, Queue<String> results) throws Exception {
        Queue<String> q = ctx.queue();
        TaskProcess child = ctx.process(() -> results.put(q.get()));
        q.put("kept");
        q.close();
        return child;
    }
}
