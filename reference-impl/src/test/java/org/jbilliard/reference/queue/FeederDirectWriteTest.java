package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Empty;
import org.jbilliard.reference.codec.StandardCodec;
import org.jbilliard.reference.nativeio.ProcessIdentity;
import org.junit.jupiter.api.Test;

/** Small items written from the caller while the feeder is idle, including a full FIFO on the way. */
@org.junit.jupiter.api.Timeout(120)
class FeederDirectWriteTest {

    private static final double FACTOR = Double.parseDouble(System.getenv().getOrDefault("JBILLIARD_TIME_FACTOR", "1"));

    private static Duration t(long millis) {
        return Duration.ofMillis((long) (millis * FACTOR));
    }

    private static byte[] item(int index, int size) {
        byte[] item = new byte[size];
        item[0] = (byte) index;
        item[1] = (byte) (index >> 8);
        item[size - 1] = (byte) ~index;
        return item;
    }

    private static int index(byte[] item) {
        assertThat(item[item.length - 1]).isEqualTo((byte) ~item[0]);
        return (item[0] & 0xff) | (item[1] & 0xff) << 8;
    }

    @Test
    void aDirectWriteThatMeetsAFullFifoIsFinishedByTheThreadAndOrderIsKept() throws Exception {
        PipeQueue<Object> q = (PipeQueue<Object>) PipeQueues.create(0, new StandardCodec());
        try {
            // Items of 3000 bytes, put with nobody reading: while the FIFO has room each goes out from
            // the caller; the first that does not fit is published and handed to the thread, which
            // cannot finish it until a reader comes; the rest wait in the buffer. put never blocks.
            int n = 3 * q.channel.pipeSize / 3000 + 100;
            for (int i = 0; i < n; i++) {
                q.put(item(i, 3000));
                // Back-to-back puts would count as a stream and go to the thread's batches.
                long after = System.nanoTime();
                while (System.nanoTime() - after < 2 * Feeder.STREAMING_GAP_NANOS) {
                    Thread.onSpinWait();
                }
            }
            assertThat(q.qsize()).isEqualTo(n);
            // The frame that did not fit was published by an offer and handed over with the write
            // lock, which this process keeps until a reader makes room for its rest.
            try (Arena arena = Arena.ofShared();
                 FileChannel fc = FileChannel.open(Path.of(q.address(), QueueFiles.CONTROL),
                         StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ControlBlock cb = new ControlBlock(fc.map(FileChannel.MapMode.READ_WRITE, 0,
                        ControlBlockLayout.SIZE, arena));
                assertThat(cb.getLong(ControlBlockLayout.WRITE_LOCK_OFFSET)).isEqualTo(ProcessIdentity.self());
                int published = cb.getInt(ControlBlockLayout.W_PUB_OFFSET);
                assertThat(published).isLessThan(n);
                assertThat(cb.getLong(ControlBlockLayout.W_POS_OFFSET))
                        .as("the last published frame is written only in part")
                        .isLessThan(cb.getLong(ControlBlockLayout.W_PUB_BYTES_OFFSET));
            }
            for (int i = 0; i < n; i++) {
                assertThat(index((byte[]) q.get(t(10_000)))).isEqualTo(i);
            }
            assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class);
            q.put(item(7, 100));
            assertThat(index((byte[]) q.get(t(10_000)))).isEqualTo(7);
        } finally {
            q.close();
            q.joinThread();
        }
    }

    @Test
    void threadsPuttingSmallItemsWhileOthersGetKeepTheirOwnOrder() throws Exception {
        PipeQueue<Object> q = (PipeQueue<Object>) PipeQueues.create(0, new StandardCodec());
        int threads = 4;
        int perThread = 3000;
        List<Thread> started = new ArrayList<>();
        ConcurrentHashMap<Integer, Throwable> failures = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(threads);
        try {
            for (int p = 0; p < threads; p++) {
                int producer = p;
                started.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            q.put(producer * 100_000 + i);
                        }
                    } catch (Throwable e) {
                        failures.put(producer, e);
                    } finally {
                        done.countDown();
                    }
                }));
            }
            int[] next = new int[threads];
            for (int k = 0; k < threads * perThread; k++) {
                int v = (Integer) q.get(t(10_000));
                int producer = v / 100_000;
                assertThat(v % 100_000).as("item of producer %d", producer).isEqualTo(next[producer]);
                next[producer]++;
            }
            assertThat(done.await(t(10_000).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(failures).isEmpty();
            assertThat(q.qsize()).isZero();
        } finally {
            for (Thread thread : started) {
                thread.join(t(10_000).toMillis());
            }
            q.close();
            q.joinThread();
        }
    }
}
