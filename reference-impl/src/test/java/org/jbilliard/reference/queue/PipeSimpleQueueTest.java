package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jbilliard.QueueClosedException;
import org.jbilliard.SimpleQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipeSimpleQueueTest {

    private final SimpleQueue<Object> q = PipeQueues.createSimple(new SerializingCodec());

    @AfterEach
    void close() {
        q.close();
    }

    @Test
    void emptyWorksAndItemsComeBackInOrder() throws Exception {
        assertThat(q.empty()).isTrue();
        q.put("a");
        q.put(null);
        assertThat(q.empty()).isFalse();
        assertThat(q.get()).isEqualTo("a");
        assertThat(q.get()).isNull();
        assertThat(q.empty()).isTrue();
    }

    @Test
    void payloadsTravelByteForByteAndDecodeWithTheCodec() throws Exception {
        byte[] raw = {1, 2, 3, 0, -1};
        q.sendPayload(raw);
        raw[0] = 9; // copied at send
        assertThat(q.getPayload()).containsExactly(1, 2, 3, 0, -1);
        q.sendPayload(new SerializingCodec().encode("encoded elsewhere"));
        assertThat(q.get()).isEqualTo("encoded elsewhere");
        q.put(42);
        byte[] payload = q.getPayload();
        assertThat(new SerializingCodec().decode(payload, 0, payload.length)).isEqualTo(42);
    }

    @Test
    void anInterruptedGetTakesNothing() throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                q.get();
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        t.interrupt();
        t.join(10_000);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        q.put("kept");
        assertThat(q.get()).isEqualTo("kept");
    }

    @Test
    void everyOperationOnAClosedHandleThrows() {
        SimpleQueue<Object> other = PipeQueues.attachSimple(q.address());
        other.close();
        assertThatThrownBy(() -> other.put(1)).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(other::get).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(other::empty).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(other::getPayload).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(() -> other.sendPayload(new byte[1])).isInstanceOf(QueueClosedException.class);
        assertThat(q.empty()).isTrue();
    }
}
