package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jbilliard.Queue;
import org.jbilliard.QueueCorruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Garbage written into a live queue's FIFO by someone outside the protocol (issue 12, part 3; README,
 * Known limits): the reader resynchronises at the next published frame boundary, so the items lost are
 * at most the frames the garbage displaced — one per garbage {@code write(2)}, which a pipe keeps in
 * one piece — no corrupt item is delivered, each {@code QueueCorruptedException} says how many items
 * it cost, and {@code qsize()} ends exact. {@code -Pchaos} runs the property with more and larger
 * runs ({@code jbilliard.garbage.scale}).
 */
class GarbageInTheFifoTest {

    private static final int SCALE = Integer.getInteger("jbilliard.garbage.scale", 1);

    @Test
    @Timeout(120)
    void fortySmallGarbageWritesAmongTwentyThousandItems() throws Exception {
        GarbageRun.Outcome outcome = GarbageRun.run(12, 20_000, 40, 64, 40);
        System.out.println("[garbage] 40 small writes, 20 000 items: " + outcome);
        assertBound(outcome);
    }

    @Test
    @Timeout(120)
    void garbageAmongLargeItemsOfALaggingConsumerLandsInsideFrames() throws Exception {
        // The consumer starts once half the items were put: the FIFO is full, the producer's writes
        // are partial, and garbage lands between the pieces of a frame.
        GarbageRun.Outcome outcome = GarbageRun.run(34, 4_000, 40, 4096, 3000, 2_000);
        System.out.println("[garbage] 40 writes of up to 4 KiB, 4 000 items of up to 3 KiB, lagging consumer: " + outcome);
        assertBound(outcome);
    }

    @Test
    @Timeout(60)
    void severalPiecesOfGarbageBetweenFramesCostNothingAndAreReportedOnce() throws Exception {
        try (Queue<Object> q = PipeQueues.create(0, new SerializingCodec())) {
            putAndFlush(q.address(), "before");
            for (String item : new String[] {"a", "b", "c"}) {
                writeGarbage(q.address(), 17);
                putAndFlush(q.address(), item);
            }
            assertThat(q.get(Duration.ofSeconds(10))).isEqualTo("before");
            assertThatThrownBy(() -> q.get(Duration.ofSeconds(10))).isInstanceOf(QueueCorruptedException.class)
                    .hasMessageContaining("discarded 51 bytes").hasMessageContaining("(0 items lost)");
            assertThat(q.qsize()).isEqualTo(3);
            assertThat(List.of(q.get(Duration.ofSeconds(10)), q.get(Duration.ofSeconds(10)), q.get(Duration.ofSeconds(10))))
                    .containsExactly("a", "b", "c");
            assertThat(q.qsize()).isZero();
        }
    }

    @Test
    @Timeout(60)
    void garbageInFrontOfAnItemLargerThanTheReadStageCostsThatItem() throws Exception {
        // README, Known limits: such an item is read into private memory whole before it is checked.
        try (Queue<Object> q = PipeQueues.create(0, new SerializingCodec())) {
            putAndFlush(q.address(), "before");
            writeGarbage(q.address(), 17);
            putAndFlush(q.address(), "x".repeat(300_000));
            putAndFlush(q.address(), "after");
            assertThat(q.get(Duration.ofSeconds(10))).isEqualTo("before");
            assertThatThrownBy(() -> q.get(Duration.ofSeconds(10))).isInstanceOf(QueueCorruptedException.class)
                    .hasMessageContaining("(1 item lost)");
            assertThat(q.get(Duration.ofSeconds(10))).isEqualTo("after");
            assertThat(q.qsize()).isZero();
        }
    }

    private static void putAndFlush(String address, Object item) throws InterruptedException {
        Queue<Object> writer = PipeQueues.attach(address);
        writer.put(item);
        writer.close();
        writer.joinThread();
    }

    private static void writeGarbage(String address, int bytes) throws java.io.IOException {
        byte[] garbage = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            garbage[i] = (byte) (i + 1);
        }
        try (java.io.FileOutputStream fifo = new java.io.FileOutputStream(Path.of(address, QueueFiles.FIFO).toFile())) {
            fifo.write(garbage);
        }
    }

    @Property(tries = 12, seed = "1207")
    void garbageOfRandomSizesAtRandomMomentsCostsAtMostTheFramesItDisplaced(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int writes,
            @ForAll @IntRange(min = 1, max = 4096) int maxGarbage, @ForAll @IntRange(min = 0, max = 3000) int maxPad,
            @ForAll boolean lagging) throws Exception {
        int items = 1_500 * SCALE;
        GarbageRun.Outcome outcome = GarbageRun.run(seed, items, writes * SCALE, maxGarbage, maxPad,
                lagging ? items / 2 : 0);
        assertBound(outcome);
    }

    private static void assertBound(GarbageRun.Outcome outcome) {
        assertThat(outcome.corrupt()).as("corrupt items delivered: %s", outcome).isZero();
        assertThat(outcome.delivered()).as("delivered in order, each once: %s", outcome).isSorted()
                .doesNotHaveDuplicates();
        assertThat(outcome.lost()).as("items lost against garbage writes: %s", outcome)
                .isLessThanOrEqualTo(outcome.garbageWrites());
        assertThat(outcome.qsizeAfter()).as("qsize after everything was taken: %s", outcome).isZero();
        assertThat(outcome.emptyAfter()).as("getNowait after everything was taken: %s", outcome).isTrue();
        assertThat(outcome.reportedLost()).as("items lost as the exceptions report them: %s %s", outcome,
                outcome.messages()).isEqualTo(outcome.lost());
    }
}
