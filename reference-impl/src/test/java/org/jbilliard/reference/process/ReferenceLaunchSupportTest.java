package org.jbilliard.reference.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.reference.ReferenceContext;
import org.jbilliard.reference.nativeio.LibC;
import org.junit.jupiter.api.Test;

/** When a child binds libc ahead of its task, and that binding ahead changes nothing else. */
class ReferenceLaunchSupportTest {

    private final ReferenceContext context = new ReferenceContext();
    private final ReferenceLaunchSupport support = ReferenceLaunchSupport.INSTANCE;

    private static byte[] serialize(Task task) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        return bytes.toByteArray();
    }

    @Test
    void aTaskThatCapturedAQueueGetsThePrelude() throws IOException {
        try (Queue<String> queue = context.queue()) {
            byte[] task = serialize(() -> queue.put("x"));
            assertThat(support.childPrelude(task)).hasValue(NativePrelude.class.getName());
        }
    }

    @Test
    void aTaskThatCapturedASimpleQueueGetsThePrelude() throws IOException {
        try (SimpleQueue<String> queue = context.simpleQueue()) {
            byte[] task = serialize(() -> queue.put("x"));
            assertThat(support.childPrelude(task)).hasValue(NativePrelude.class.getName());
        }
    }

    @Test
    void aTaskWithoutQueuesGetsNone() throws IOException {
        String text = "org.jbilliard.reference.process is not the queue package";
        byte[] task = serialize(() -> System.out.println(text));
        assertThat(support.childPrelude(task)).isEmpty();
    }

    @Test
    void aWarmSpareGetsThePrelude() {
        assertThat(support.childPrelude(null)).hasValue(SparePrelude.class.getName());
    }

    @Test
    void pinningAttachesEveryCapturedQueueAndNothingElse() throws IOException {
        try (Queue<String> queue = context.queue(); SimpleQueue<String> simple = context.simpleQueue()) {
            String text = "not a queue";
            byte[] task = serialize(() -> {
                queue.put(text);
                simple.put(text);
            });
            CapturedQueues pins = CapturedQueues.attach(task);
            assertThat(pins.size()).isEqualTo(2);
            pins.close();
            assertThat(pins.size()).isZero();
        }
    }

    @Test
    void containsFindsTheNeedleAnywhereAndOnlyWhole() {
        byte[] needle = "queue.".getBytes(StandardCharsets.US_ASCII);
        assertThat(ReferenceLaunchSupport.contains("queue.".getBytes(StandardCharsets.US_ASCII), needle)).isTrue();
        assertThat(ReferenceLaunchSupport.contains("a.queue.B".getBytes(StandardCharsets.US_ASCII), needle)).isTrue();
        assertThat(ReferenceLaunchSupport.contains("xxqueue.".getBytes(StandardCharsets.US_ASCII), needle)).isTrue();
        assertThat(ReferenceLaunchSupport.contains("queue".getBytes(StandardCharsets.US_ASCII), needle)).isFalse();
        assertThat(ReferenceLaunchSupport.contains("queuE.queue".getBytes(StandardCharsets.US_ASCII), needle)).isFalse();
        assertThat(ReferenceLaunchSupport.contains(new byte[0], needle)).isFalse();
    }

    @Test
    void prelinkingTwiceAndThenCallingTheFunctionsWorks() {
        assertThatCode(() -> {
            new NativePrelude().run();
            new NativePrelude().run();
        }).doesNotThrowAnyException();
        // close(-1) reaches libc and fails with EBADF, which close() ignores by contract.
        assertThatCode(() -> LibC.close(-1)).doesNotThrowAnyException();
    }
}
