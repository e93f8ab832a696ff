package org.jbilliard.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.reference.codec.StandardCodec;
import org.jbilliard.reference.queue.PipeQueues;
import org.junit.jupiter.api.Test;

class ReferenceContextTest {

    @Test
    void serviceLoaderFindsTheReferenceContextByDefaultAndByName() {
        assertThat(Context.load()).isInstanceOf(ReferenceContext.class);
        assertThat(Context.load("reference")).isInstanceOf(ReferenceContext.class);
        assertThat(new ReferenceContext().name()).isEqualTo("reference");
    }

    @Test
    void declaresItsFeaturesInAnUnmodifiableSet() {
        Context context = new ReferenceContext();
        assertThat(context.features()).contains(Feature.CROSS_PROCESS, Feature.SIGNALS);
        assertThat(context.supports(Feature.SIGNALS)).isTrue();
        assertThatThrownBy(() -> context.features().add(Feature.QSIZE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void defaultCodecAndItemLimitComeFromTheQueueLayer() {
        Context context = new ReferenceContext();
        assertThat(context.defaultCodec()).isInstanceOf(StandardCodec.class);
        assertThat(context.maxItemBytes()).isEqualTo(PipeQueues.maxItemBytes()).isPositive();
    }

    @Test
    void aSmallerItemLimitHoldsForItsOwnHandlesAndTheirSerializedCopiesOnly() throws Exception {
        Context small = new ReferenceContext(1 << 16);
        assertThat(small.maxItemBytes()).isEqualTo(1 << 16);
        try (Queue<byte[]> q = small.queue(0); SimpleQueue<byte[]> sq = small.simpleQueue()) {
            assertThatThrownBy(() -> q.put(new byte[1 << 16])).isInstanceOf(ItemTooLargeException.class)
                    .satisfies(e -> assertThat(((ItemTooLargeException) e).limit()).isEqualTo(1 << 16));
            assertThatThrownBy(() -> sq.sendPayload(new byte[(1 << 16) + 1])).isInstanceOf(ItemTooLargeException.class);
            @SuppressWarnings("unchecked")
            Queue<byte[]> copy = (Queue<byte[]>) roundTrip(q);
            try (copy) {
                assertThatThrownBy(() -> copy.put(new byte[1 << 16])).isInstanceOf(ItemTooLargeException.class);
            }
            // Another context's handle of the same queue (one shared attachment) keeps the default limit.
            try (Queue<byte[]> other = new ReferenceContext().attachQueue(q.address())) {
                other.put(new byte[1 << 16]);
                assertThat(q.get(java.time.Duration.ofSeconds(5))).hasSize(1 << 16);
            }
        }
        assertThatThrownBy(() -> new ReferenceContext(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReferenceContext(PipeQueues.maxItemBytes() + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 GiB");
    }

    @Test
    void theNoArgumentConstructorTakesItsLimitFromTheSystemProperty() {
        String previous = System.getProperty(ReferenceContext.MAX_ITEM_BYTES_PROPERTY);
        try {
            System.setProperty(ReferenceContext.MAX_ITEM_BYTES_PROPERTY, "65536");
            assertThat(new ReferenceContext().maxItemBytes()).isEqualTo(65536);
            System.setProperty(ReferenceContext.MAX_ITEM_BYTES_PROPERTY, "16 MiB");
            assertThatThrownBy(ReferenceContext::new).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ReferenceContext.MAX_ITEM_BYTES_PROPERTY).hasMessageContaining("'16 MiB'");
        } finally {
            if (previous == null) {
                System.clearProperty(ReferenceContext.MAX_ITEM_BYTES_PROPERTY);
            } else {
                System.setProperty(ReferenceContext.MAX_ITEM_BYTES_PROPERTY, previous);
            }
        }
        assertThat(new ReferenceContext().maxItemBytes()).isEqualTo(PipeQueues.maxItemBytes());
    }

    private static Object roundTrip(Object handle) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
