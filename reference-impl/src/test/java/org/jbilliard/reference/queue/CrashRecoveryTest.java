package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM is stopped at a named point ({@link TestHooks}) and killed with SIGKILL there; the
 * test process (a surviving participant) must carry on with nothing torn or duplicated and the
 * counts recovered (BEHAVIOUR rows 19–22).
 */
class CrashRecoveryTest {

    private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(60);
    /** Serialized, fits the 256 KiB read stage. */
    private static final String BIG = "x".repeat(200_000);
    /** Serialized, larger than the read stage: finished in the reader's private memory. */
    private static final String HUGE = "y".repeat(400_000);

    @TempDir
    Path work;

    private static Duration t(long millis) {
        return ChildJvm.scaled(Duration.ofMillis(millis));
    }

    @Test
    void consumerKilledWhileBlockedInGetHoldingTheReadLockDoesNotWedgeTheQueue() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "reader-waiting", "get", "queue", q.address())) {
            child.awaitPaused(PAUSE_TIMEOUT);
            child.kill();
            q.put("item");
            long start = System.nanoTime();
            assertThat(q.get(t(5000))).isEqualTo("item");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(t(1000));
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    @Test
    void consumerKilledMidReadOfAFrameLargerThanTheStageLosesNothing() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "reader-mid-frame", "get", "queue", q.address())) {
            q.put(HUGE);
            q.put("small");
            child.awaitPaused(PAUSE_TIMEOUT);
            child.kill();
            // what the dead reader read of the frame is in the shared overflow stage
            assertThat(q.get(t(5000))).isEqualTo(HUGE);
            assertThat(q.get(t(5000))).isEqualTo("small");
            assertThat(q.qsize()).isZero();
            assertThat(q.empty()).isTrue();
            q.put("after");
            assertThat(q.get(t(5000))).isEqualTo("after");
        } finally {
            q.close();
        }
    }

    @Test
    void consumerKilledMidReadOfAFrameThatFitsTheStageLosesNothing() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "reader-mid-frame", "get", "queue", q.address())) {
            q.put(BIG);
            q.put("small");
            child.awaitPaused(PAUSE_TIMEOUT);
            child.kill();
            // the bytes the dead reader moved out of the FIFO are in the shared read stage
            assertThat(q.get(t(5000))).isEqualTo(BIG);
            assertThat(q.get(t(5000))).isEqualTo("small");
            assertThat(q.qsize()).isZero();
            assertThat(q.empty()).isTrue();
        } finally {
            q.close();
        }
    }

    @Test
    void producerKilledMidWriteOfALargeFrameLeavesNoTornItemAndNoCount() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "writer-mid-frame", "produce", "queue", q.address(), "p", "1",
                "200000")) {
            child.awaitPaused(PAUSE_TIMEOUT);
            assertThat(q.qsize()).isEqualTo(1);
            child.kill();
            long start = System.nanoTime();
            assertThatThrownBy(() -> q.get(t(300))).isInstanceOf(Empty.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(t(300).plus(t(1000)));
            assertThat(q.qsize()).isZero();
            q.put("after");
            assertThat(q.get(t(5000))).isEqualTo("after");
            assertThat(q.empty()).isTrue();
        } finally {
            q.close();
        }
    }

    @Test
    void readerBlockedOnATornFrameNoticesTheDeadWriterWithinItsTimeout() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "writer-mid-frame", "produce", "queue", q.address(), "p", "2",
                "200000")) {
            child.awaitPaused(PAUSE_TIMEOUT);
            Thread killer = Thread.ofPlatform().start(() -> {
                try {
                    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
                    child.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long start = System.nanoTime();
            // the reader is inside the torn frame when the writer dies
            assertThatThrownBy(() -> q.get(t(3000))).isInstanceOf(Empty.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(t(3000).plus(t(1000)));
            killer.join(t(10_000).toMillis());
            assertThat(q.qsize()).isZero();
            q.put("after");
            assertThat(q.get(t(5000))).isEqualTo("after");
        } finally {
            q.close();
        }
    }

    @Test
    void producerKilledBetweenPutAndFlushGivesBackCapacityAndCount() throws Exception {
        Queue<Object> q = PipeQueues.create(3, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "feeder-before-write", "produce", "queue", q.address(), "p", "3",
                "0")) {
            child.awaitPaused(PAUSE_TIMEOUT);
            await().atMost(t(10_000)).until(() -> q.qsize() == 3);
            assertThat(q.full()).isTrue();
            assertThat(q.empty()).isFalse();
            assertThatThrownBy(() -> q.putNowait("nope")).isInstanceOf(Full.class);
            child.kill();
            q.put("after", t(5000));
            assertThat(q.get(t(5000))).isEqualTo("after");
            assertThatThrownBy(() -> q.get(t(200))).isInstanceOf(Empty.class);
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    @Test
    void producerKilledBetweenCountingAnItemAndRecordingItInItsSlotLeaksNoCapacity() throws Exception {
        Queue<Object> q = PipeQueues.create(1, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "reserve-counted", "produce", "queue", q.address(), "p", "1", "0");
             ControlBlockView cb = ControlBlockView.of(q.address())) {
            child.awaitPaused(PAUSE_TIMEOUT);
            // The window: qsize counts the item, the producer's slot does not (yet).
            assertThat(q.qsize()).isEqualTo(1);
            assertThat(q.full()).isTrue();
            assertThat(cb.pending(slotOf(cb, child))).as(cb.describe()).isZero();
            child.kill();
            // maxsize 1: this put only finds room if the dead producer's reservation is given back.
            q.put("after", t(5000));
            assertThat(q.qsize()).isEqualTo(1);
            assertThat(q.get(t(5000))).isEqualTo("after");
            assertThat(q.qsize()).isZero();
            q.putNowait("again");
            assertThatThrownBy(() -> q.putNowait("over")).isInstanceOf(Full.class);
            assertThat(q.get(t(5000))).isEqualTo("again");
            assertThat(q.empty()).isTrue();
        } finally {
            q.close();
        }
    }

    @Test
    void joinableProducerKilledBetweenCountingAnItemAndRecordingItInItsSlotLeaksNoCapacityAndNoTask()
            throws Exception {
        JoinableQueue<Object> q = PipeQueues.createJoinable(1, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "reserve-counted", "produce", "joinable", q.address(), "p", "1",
                "0")) {
            child.awaitPaused(PAUSE_TIMEOUT);
            assertThat(q.full()).isTrue();
            child.kill();
            q.put("after", t(5000));
            assertThat(q.get(t(5000))).isEqualTo("after");
            q.taskDone();
            assertThat(q.join(t(2000))).as("no task left of the killed producer").isTrue();
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    private static int slotOf(ControlBlockView cb, ChildJvm child) {
        for (int i = 0; i < ControlBlockLayout.SLOT_COUNT; i++) {
            if (cb.slotPid(i) == child.pid()) {
                return i;
            }
        }
        throw new AssertionError("no slot of pid " + child.pid() + ": " + cb.describe());
    }

    @Test
    void producerKilledHoldingTheWriteLockBeforePublishingDoesNotBlockOtherWriters() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "writer-locked", "produce", "queue", q.address(), "p", "1", "0")) {
            child.awaitPaused(PAUSE_TIMEOUT);
            child.kill();
            q.put("after");
            assertThat(q.get(t(5000))).isEqualTo("after");
            assertThatThrownBy(() -> q.get(t(200))).isInstanceOf(Empty.class);
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    @Test
    void workerThatDiesBetweenGetAndTaskDoneLeavesTheTaskUnfinished() throws Exception {
        JoinableQueue<Object> q = PipeQueues.createJoinable(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, null, "get", "joinable", q.address())) {
            q.put("task");
            assertThat(child.awaitSuccess(Duration.ofSeconds(60))).contains("GOT task");
            assertThat(q.join(t(200))).isFalse();
            assertThat(q.qsize()).isZero();
            q.taskDone();
            assertThat(q.join(t(200))).isTrue();
        } finally {
            q.close();
        }
    }

    @Test
    void aWriterThatTakesOverADeadWritersLockGetsItRepairedByTheBlockedReader() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "writer-locked", "produce", "queue", q.address(), "p", "1", "0")) {
            child.awaitPaused(PAUSE_TIMEOUT);
            java.util.concurrent.CompletableFuture<Object> got = new java.util.concurrent.CompletableFuture<>();
            Thread getter = Thread.ofPlatform().start(() -> {
                try {
                    got.complete(q.get(t(20_000)));
                } catch (Throwable e) {
                    got.completeExceptionally(e);
                }
            });
            child.kill();
            // the getter holds the read lock; our feeder must have the dead writer repaired through it
            await().atMost(t(10_000)).until(() -> q.qsize() == 0);
            q.put("after");
            assertThat(got.get(t(20_000).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo("after");
            getter.join(t(10_000).toMillis());
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    @Test
    void aReaderAndAWriterKilledInsideTheSameFrameAreRepairedTogether() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm reader = ChildJvm.start(work, "reader-mid-frame", "get", "queue", q.address());
             ChildJvm writer = ChildJvm.start(work, "writer-mid-frame", "produce", "queue", q.address(), "p", "1",
                     "200000")) {
            writer.awaitPaused(PAUSE_TIMEOUT);
            reader.awaitPaused(PAUSE_TIMEOUT);
            reader.kill();
            writer.kill();
            assertThatThrownBy(() -> q.get(t(500))).isInstanceOf(Empty.class);
            assertThat(q.qsize()).isZero();
            q.put("after");
            assertThat(q.get(t(5000))).isEqualTo("after");
            assertThat(q.empty()).isTrue();
        } finally {
            q.close();
        }
    }
}
