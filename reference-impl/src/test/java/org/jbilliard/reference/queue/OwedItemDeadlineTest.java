package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.LibC;
import org.jbilliard.reference.nativeio.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded calls keep their deadlines while another participant holds what they need and does not run
 * (BEHAVIOUR rows 6 and 19): a real child JVM is stopped with SIGSTOP while it holds the read lock,
 * or paused with a frame half written; the counted items are <em>owed</em> meanwhile and go to a later
 * {@code get} once the holder runs again (or is killed), with nothing lost, torn or duplicated.
 */
class OwedItemDeadlineTest {

    private static final int SIGSTOP = 19;
    private static final int SIGCONT = 18;
    private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(60);
    /** Overrun a bounded call may have on an idle machine (row 19: "within t + 50 ms"). */
    private static final Duration OVERRUN = Duration.ofMillis(50);
    /** Serialized, fits the 256 KiB read stage. */
    private static final String BIG = "b".repeat(200_000);
    /** Serialized, larger than the read stage: read into the shared overflow stage. */
    private static final String HUGE = "h".repeat(400_000);

    @TempDir
    Path work;

    private static Duration t(long millis) {
        return ChildJvm.scaled(Duration.ofMillis(millis));
    }

    /** Milliseconds since {@code start}, also reported on stdout (the figures of these runs). */
    private static long elapsedMillis(long start) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(f -> f.skip(1).findFirst()).orElseThrow();
        System.out.println("OwedItemDeadlineTest " + caller.getMethodName() + ":" + caller.getLineNumber()
                + " took " + millis + " ms");
        return millis;
    }

    @Test
    void boundedGetsKeepTheirDeadlinesWhileTheReadLockHolderIsStoppedAndItsItemsAreOwedNotLost()
            throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, null, "get", "queue", q.address())) {
            awaitReadLockHeldBy(q.address(), child);
            assertThat(LibC.kill((int) child.pid(), SIGSTOP)).isZero();
            // Bounds the test should a call wait for the stopped holder after all: it runs again then.
            Thread continuer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(t(5000).toMillis());
                    LibC.kill((int) child.pid(), SIGCONT);
                } catch (InterruptedException e) {
                    // the test continued the child itself
                }
            });
            try {
                for (int i = 0; i < 3; i++) {
                    q.put("item-" + i);
                }
                assertThat(q.qsize()).isEqualTo(3);

                long start = System.nanoTime();
                assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class);
                assertThat(elapsedMillis(start)).as("getNowait with the read lock held by a stopped process")
                        .isLessThan(t(50).toMillis());

                Thread.currentThread().interrupt();
                start = System.nanoTime();
                try {
                    assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class);
                    assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
                } finally {
                    Thread.interrupted();
                }
                assertThat(elapsedMillis(start)).isLessThan(t(50).toMillis());

                start = System.nanoTime();
                assertThatThrownBy(() -> q.get(Duration.ofMillis(300))).isInstanceOf(Empty.class);
                long took = elapsedMillis(start);
                assertThat(took).as("get(300 ms) with the read lock held by a stopped process")
                        .isGreaterThanOrEqualTo(300).isLessThan(300 + t(OVERRUN.toMillis()).toMillis());
                assertThat(q.qsize()).as("owed items stay counted").isEqualTo(3);
            } finally {
                continuer.interrupt();
                LibC.kill((int) child.pid(), SIGCONT);
            }
            assertThat(child.awaitSuccess(Duration.ofSeconds(30))).contains("GOT item-0");
            List<Object> rest = new ArrayList<>();
            rest.add(q.get(t(5000)));
            rest.add(q.get(t(5000)));
            assertThat(rest).containsExactly("item-1", "item-2");
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    @Test
    void aFrameWhoseWriterStoppedHalfWayIsLeftInTheStageAtTheDeadlineAndFinishedByALaterGet()
            throws Exception {
        // One getNowait must leave the half-read frame in the shared stage.
        frameWhoseWriterStopsHalfWay("200000", BIG, 1);
    }

    @Test
    void aFrameLargerThanTheStageWhoseWriterStoppedHalfWayIsLeftInTheOverflowStageAtTheDeadline()
            throws Exception {
        // Two: the second continues what the first left in the overflow file.
        frameWhoseWriterStopsHalfWay("400000", HUGE, 2);
    }

    /**
     * A child paused half-way through writing one frame of {@code frameBytes}: {@code nowaitRounds}
     * {@code getNowait()} calls and a {@code get(200 ms)} keep their deadlines and leave the item
     * counted; once the writer is killed with its frame torn, the repair drops that item and the queue
     * carries {@code next} and one more item intact.
     */
    private void frameWhoseWriterStopsHalfWay(String frameBytes, Object next, int nowaitRounds) throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, "writer-mid-frame", "produce", "queue", q.address(), "w",
                "1", frameBytes)) {
            child.awaitPaused(PAUSE_TIMEOUT);
            assertThat(q.qsize()).isEqualTo(1);
            for (int round = 0; round < nowaitRounds; round++) {
                long start = System.nanoTime();
                assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class);
                assertThat(elapsedMillis(start)).as("getNowait on a %s-byte frame whose writer is paused half-way",
                        frameBytes).isLessThan(t(50).toMillis());
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> q.get(Duration.ofMillis(200))).isInstanceOf(Empty.class);
            assertThat(elapsedMillis(start)).isGreaterThanOrEqualTo(200)
                    .isLessThan(200 + t(OVERRUN.toMillis()).toMillis());
            assertThat(q.qsize()).isEqualTo(1);

            child.kill();
            assertThatThrownBy(() -> q.get(t(1000))).isInstanceOf(Empty.class);
            assertThat(q.qsize()).isZero();
            q.put(next);
            q.put("after");
            assertThat(q.get(t(5000))).isEqualTo(next);
            assertThat(q.get(t(5000))).isEqualTo("after");
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    /** Waits until the child, blocked in {@code get()} on the empty queue, holds the read lock. */
    private static void awaitReadLockHeldBy(String address, ChildJvm child) throws IOException {
        try (Arena arena = Arena.ofShared();
             FileChannel fc = FileChannel.open(Path.of(address, QueueFiles.CONTROL), StandardOpenOption.READ,
                     StandardOpenOption.WRITE)) {
            ControlBlock cb = new ControlBlock(fc.map(FileChannel.MapMode.READ_WRITE, 0, ControlBlockLayout.SIZE,
                    arena));
            Awaitility.await("child holding the read lock").atMost(ChildJvm.scaled(PAUSE_TIMEOUT))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> !child.isAlive() || ProcessIdentity.pid(
                            cb.getLong(ControlBlockLayout.READ_LOCK_OFFSET)) == child.pid());
            assertThat(child.isAlive()).as(child::report).isTrue();
        }
    }
}
