package org.jbilliard.reference.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.reference.ReferenceContext;
import org.jbilliard.reference.nativeio.LibC;
import org.junit.jupiter.api.Test;

/** When a child binds libc ahead of its task, and that binding ahead changes nothing else. */
class NativePrelinkTest {

    private final ReferenceContext context = new ReferenceContext();

    @Test
    void aTaskThatCapturedAQueueStartsTheHelper() {
        try (Queue<String> queue = context.queue()) {
            byte[] task = TaskSerialization.serialize(() -> queue.put("x"));
            assertThat(NativePrelink.startIfUseful(task)).isTrue();
        }
    }

    @Test
    void aTaskThatCapturedASimpleQueueStartsTheHelper() {
        try (SimpleQueue<String> queue = context.simpleQueue()) {
            byte[] task = TaskSerialization.serialize(() -> queue.put("x"));
            assertThat(NativePrelink.startIfUseful(task)).isTrue();
        }
    }

    @Test
    void aTaskWithoutQueuesDoesNotStartIt() {
        String text = "org.jbilliard.reference.process is not the queue package";
        byte[] task = TaskSerialization.serialize(() -> System.out.println(text));
        assertThat(NativePrelink.startIfUseful(task)).isFalse();
    }

    @Test
    void containsFindsTheNeedleAnywhereAndOnlyWhole() {
        byte[] needle = "queue.".getBytes(StandardCharsets.US_ASCII);
        assertThat(NativePrelink.contains("queue.".getBytes(StandardCharsets.US_ASCII), needle)).isTrue();
        assertThat(NativePrelink.contains("a.queue.B".getBytes(StandardCharsets.US_ASCII), needle)).isTrue();
        assertThat(NativePrelink.contains("xxqueue.".getBytes(StandardCharsets.US_ASCII), needle)).isTrue();
        assertThat(NativePrelink.contains("queue".getBytes(StandardCharsets.US_ASCII), needle)).isFalse();
        assertThat(NativePrelink.contains("queuE.queue".getBytes(StandardCharsets.US_ASCII), needle)).isFalse();
        assertThat(NativePrelink.contains(new byte[0], needle)).isFalse();
    }

    @Test
    void prelinkingTwiceAndThenCallingTheFunctionsWorks() {
        assertThatCode(() -> {
            LibC.prelink();
            LibC.prelink();
        }).doesNotThrowAnyException();
        // close(-1) reaches libc and fails with EBADF, which close() ignores by contract.
        assertThatCode(() -> LibC.close(-1)).doesNotThrowAnyException();
    }
}
