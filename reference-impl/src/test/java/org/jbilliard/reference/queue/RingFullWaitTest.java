package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jbilliard.Queue;
import org.jbilliard.reference.codec.StandardCodec;
import org.junit.jupiter.api.Test;

/**
 * A writer that finds the frame ring full (16 384 frames published and unread) sleeps in the kernel
 * until a reader frees entries, instead of parking 50 µs at a time (issue: about 20 000 wake-ups a
 * second under the write lock), and carries on in order once the reader comes.
 */
@org.junit.jupiter.api.Timeout(120)
class RingFullWaitTest {

    @Test
    void aWriterWaitingForRingRoomSleepsAndResumesWhenTheReaderConsumes() throws Exception {
        int n = ControlBlockLayout.RING_CAPACITY + 3000;
        Queue<Object> q = PipeQueues.create(0, new StandardCodec());
        try (Arena arena = Arena.ofShared();
             FileChannel fc = FileChannel.open(Path.of(q.address(), QueueFiles.CONTROL), StandardOpenOption.READ,
                     StandardOpenOption.WRITE)) {
            ControlBlock cb = new ControlBlock(fc.map(FileChannel.MapMode.READ_WRITE, 0, ControlBlockLayout.SIZE,
                    arena));
            for (int i = 0; i < n; i++) {
                q.put(i);
            }
            // The feeder publishes in batches of up to half the ring: it stops once the next batch
            // would overrun the 16 384 unread frames.
            Awaitility.await("ring full").atMost(ChildJvm.scaled(Duration.ofSeconds(30)))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> cb.getInt(ControlBlockLayout.W_PUB_OFFSET) > ControlBlockLayout.RING_CAPACITY / 2
                            && cb.getInt(ControlBlockLayout.RING_WAITERS_OFFSET) == 1 && feederThread() != null);
            int published = cb.getInt(ControlBlockLayout.W_PUB_OFFSET);
            Thread feeder = feederThread();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getThreadCpuTime(feeder.threadId());
            new CountDownLatch(1).await(500, TimeUnit.MILLISECONDS); // an observation window, not a synchronisation
            long cpu = threads.getThreadCpuTime(feeder.threadId()) - cpuBefore;
            assertThat(cb.getInt(ControlBlockLayout.W_PUB_OFFSET)).isEqualTo(published);
            assertThat(Duration.ofNanos(cpu)).as("feeder CPU time in 500 ms while the ring is full")
                    .isLessThan(Duration.ofMillis(25));
            for (int i = 0; i < n; i++) {
                assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(10)))).isEqualTo(i);
            }
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    private static Thread feederThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jbilliard-feeder")).findFirst().orElse(null);
    }
}
