package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jbilliard.reference.queue.ChildStates.awaitState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.QueueClosedException;
import org.jbilliard.SimpleQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that took a dead writer's lock over waits for the read lock's holder to repair what the
 * dead one left; that holder may be a participant that is not running (a real child JVM stopped with
 * SIGSTOP while blocked in {@code get}). The wait sleeps in slices and, like every other wait, ends
 * at an interrupt or a {@code close()} of the caller's handle (the write lock then goes back
 * unrepaired, to be repaired by the next writer), and notices the holder's death, repairing itself.
 * After SIGCONT the holder serves the request and the item arrives.
 */
class RepairWaitTest {

    private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(60);
    /** A waiter sees an interrupt or a close within one slice (20 ms); the rest is scheduling. */
    private static final Duration PROMPT = ChildJvm.scaled(Duration.ofMillis(20 + 50));
    private static final Duration BOUND = ChildJvm.scaled(Duration.ofSeconds(10));
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path work;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void reap() {
        for (ChildJvm child : children) {
            if (child.isAlive()) {
                StoppedProcess.resume(child.pid());
            }
            child.close();
        }
    }

    @Test
    @Timeout(120)
    void aPutWaitingForAStoppedReaderToRepairEndsAtAnInterruptAndAtCloseAndIsServedAfterSigcont() throws Exception {
        SimpleQueue<Object> q = PipeQueues.createSimple(new SerializingCodec());
        try (ControlBlockView cb = ControlBlockView.of(q.address())) {
            ChildJvm reader = deadWriterAndStoppedReader(cb, q.address(), "simple");

            CompletableFuture<Void> interrupted = new CompletableFuture<>();
            Thread putter = Thread.ofPlatform().start(() -> run(interrupted, () -> q.put("interrupted")));
            awaitRequestRaised(cb, reader);
            long start = System.nanoTime();
            putter.interrupt();
            assertThat(failure(interrupted)).isInstanceOf(InterruptedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("put ends at the interrupt").isLessThan(PROMPT);
            assertThat(cb.repairRequest()).as("request withdrawn: " + cb.describe()).isZero();
            assertThat(cb.writeLock()).as("the lock goes back unrepaired: " + cb.describe())
                    .isEqualTo(SharedLock.ABANDONED);
            assertThat(q.empty()).as("the interrupted item is not counted").isTrue();

            SimpleQueue<Object> other = PipeQueues.attachSimple(q.address());
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> run(closed, () -> other.put("closed")));
            awaitRequestRaised(cb, reader);
            start = System.nanoTime();
            other.close();
            assertThat(failure(closed)).isInstanceOf(QueueClosedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("put ends at close()").isLessThan(PROMPT);
            assertThat(cb.repairRequest()).isZero();

            CompletableFuture<Void> served = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> run(served, () -> q.put("served")));
            awaitRequestRaised(cb, reader);
            StoppedProcess.resume(reader.pid());
            served.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(reader.awaitSuccess(Duration.ofSeconds(30))).as(reader.report()).contains("GOT served");
            assertThat(q.empty()).isTrue();
        } finally {
            q.close();
        }
    }

    @Test
    @Timeout(120)
    void aFeederWaitingForAStoppedReaderToRepairNoticesItsDeathAndRepairsItself() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ControlBlockView cb = ControlBlockView.of(q.address())) {
            ChildJvm reader = deadWriterAndStoppedReader(cb, q.address(), "queue");
            q.put("item");
            awaitRequestRaised(cb, reader);
            long start = System.nanoTime();
            try {
                q.getNowait();
                throw new AssertionError("getNowait() took an item while the read lock's holder is stopped");
            } catch (Empty expected) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ChildJvm.scaled(Duration.ofMillis(50)));
            }
            int published = cb.published();
            reader.kill();
            // NOTE: nobody else reads: only the feeder's own wait can notice that the holder died.
            Awaitility.await("the feeder repairs after the reader's death and publishes").atMost(BOUND)
                    .pollInterval(Duration.ofMillis(2)).until(() -> cb.published() > published);
            assertThat(cb.repairRequest()).isZero();
            assertThat(q.get(BOUND)).isEqualTo("item");
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    /**
     * A writer killed holding the write lock before publishing, and a reader blocked in {@code get}
     * holding the read lock, stopped.
     */
    private ChildJvm deadWriterAndStoppedReader(ControlBlockView cb, String address, String kind) throws Exception {
        ChildJvm writer = ChildJvm.start(work, "writer-locked", "produce", kind, address, "dead", "1", "0");
        children.add(writer);
        writer.awaitPaused(PAUSE_TIMEOUT);
        writer.kill();
        ChildJvm reader = ChildJvm.start(work, null, "get", kind, address);
        children.add(reader);
        awaitState(cb, reader, "the reader blocked in get, holding the read lock, the dead writer's item forgotten",
                () -> cb.readLockPid() == reader.pid() && cb.publicationWaiters() > 0 && cb.qsize() == 0);
        StoppedProcess.stop(reader.pid());
        assertThat(cb.writeLockPid()).as("the dead writer's lock is not taken over yet: " + cb.describe())
                .isEqualTo((int) writer.pid());
        return reader;
    }

    private static void awaitRequestRaised(ControlBlockView cb, ChildJvm reader) {
        awaitState(cb, reader, "this process's writer asking the stopped reader for the repair",
                () -> cb.repairRequesterPid() == SELF && cb.writeLockPid() == SELF);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void run(CompletableFuture<Void> outcome, Body body) {
        try {
            body.run();
            outcome.complete(null);
        } catch (Throwable e) {
            outcome.completeExceptionally(e);
        }
    }

    private static Throwable failure(CompletableFuture<Void> outcome) throws Exception {
        try {
            outcome.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the call returned normally");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
