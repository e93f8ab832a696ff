package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jbilliard.reference.queue.ChildStates.awaitState;
import static org.jbilliard.reference.queue.ChildStates.fifoFull;
import static org.jbilliard.reference.queue.ChildStates.readerInsideFrame;
import static org.jbilliard.reference.queue.ChildStates.writerInsideFrame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The double death around a repair request (BEHAVIOUR rows 19 and 20). A writer dies half-way
 * through a 4 MiB frame while a reader holds the read lock inside that frame; the next writer takes
 * the dead writer's lock over and, since the read lock is held, asks the reader for the repair — and
 * is killed right after raising the request, before the reader could serve it. Then another process
 * takes the requester's dead lock over: a third writer (while the reader lives), or a new reader
 * (after the reader was killed too). A new writer follows. The stream must stay intact: every item of
 * a live writer is delivered exactly once and unchanged, nothing is delivered torn, and only what the
 * killed writers held (the torn frame, the requester's unpublished items) is lost; {@code qsize()}
 * ends at zero and no lock or request is left behind.
 *
 * <p>Every participant is brought to its state without pause points: the first writer blocks on a
 * full FIFO nobody reads and is stopped (SIGSTOP) there; the reader then reads what was written and
 * waits for the rest inside the frame, and is stopped there; each state is read from the control
 * block ({@link ControlBlockView}) before the next step.
 *
 * <p>{@link RepairRequestTest} plants a stale request directly; this test makes one by killing.
 *
 * <p>If this fails, check that a repair request names its requester, that a reader serves it only
 * while the write lock's recorded owner is that requester, and that every path that repairs a dead
 * writer (including a reader's take-over in {@code checkWriter}) clears it.
 */
class RepairRequestDoubleDeathTest {

    private static final int BIG = 4 << 20;
    private static final int PER_WRITER = 20;

    @TempDir
    Path work;

    private final List<ChildJvm> children = new ArrayList<>();

    /** SIGCONT to every child still running (a reaped child's pid may belong to another process now). */
    private void resumeChildren() {
        for (ChildJvm child : children) {
            if (child.isAlive()) {
                StoppedProcess.resume(child.pid());
            }
        }
    }

    @AfterEach
    void reap() {
        resumeChildren();
        for (ChildJvm child : children) {
            child.close();
        }
    }

    @Test
    @Timeout(180)
    void aRequesterKilledRightAfterAskingWhoseLockAThirdWriterTakesOverLeavesTheStreamIntact() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ControlBlockView cb = ControlBlockView.of(q.address())) {
            ChildJvm reader = requesterKilledWhileTheReaderIsStoppedInsideATornFrame(q, cb);

            ChildJvm third = child(null, ChildRole.class, "produce", "queue", q.address(), "w3",
                    Integer.toString(PER_WRITER), "0");
            awaitState(cb, third, "the third writer holding the dead requester's lock, asking for the repair",
                    () -> cb.writeLockPid() == third.pid() && cb.repairRequesterPid() == third.pid());
            StoppedProcess.resume(reader.pid());
            List<String> readerOut = reader.awaitSuccess(Duration.ofSeconds(60));
            third.awaitSuccess(Duration.ofSeconds(60));

            List<String> delivered = new ArrayList<>(got(readerOut));
            assertThat(delivered).as("the reader skips the torn frame and takes the live writer's first item: "
                    + reader.report()).containsExactly("w3:0");
            assertStreamIntact(q, cb, delivered, 1);
        } finally {
            resumeChildren(); // a handle's close must not meet a participant left stopped by a failure
            q.close();
        }
    }

    @Test
    @Timeout(180)
    void aRequesterKilledRightAfterAskingAndTheReaderKilledTooLeaveTheStreamIntactForTheNextReaderAndWriter()
            throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ControlBlockView cb = ControlBlockView.of(q.address())) {
            ChildJvm reader = requesterKilledWhileTheReaderIsStoppedInsideATornFrame(q, cb);
            reader.kill();

            // This process is the next reader: it takes the dead reader's lock over, with the dead
            // requester's request still raised and the write lock still the requester's.
            Duration t = ChildJvm.scaled(Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThatThrownBy(() -> q.get(t)).as("nothing a live writer wrote is there yet")
                    .isInstanceOf(Empty.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(t.plus(ChildJvm.scaled(Duration.ofSeconds(1))));
            await("the requester's unpublished items given back").atMost(ChildJvm.scaled(Duration.ofSeconds(10)))
                    .pollInterval(Duration.ofMillis(10)).until(() -> q.qsize() == 0);

            ChildJvm third = child(null, ChildRole.class, "produce", "queue", q.address(), "w3",
                    Integer.toString(PER_WRITER), "0");
            third.awaitSuccess(Duration.ofSeconds(60));
            assertStreamIntact(q, cb, new ArrayList<>(), 0);
        } finally {
            resumeChildren(); // a handle's close must not meet a participant left stopped by a failure
            q.close();
        }
    }

    /**
     * Brings the queue to the state both tests start from: the first writer killed half-way through
     * a 4 MiB frame, the reader stopped inside that frame holding the read lock, and the second
     * writer killed right after it took the dead writer's lock over and raised the repair request.
     *
     * @return the stopped reader (a {@code take 1} of {@link StoppableParticipant})
     */
    private ChildJvm requesterKilledWhileTheReaderIsStoppedInsideATornFrame(Queue<Object> q, ControlBlockView cb)
            throws InterruptedException {
        int bigSeq = cb.published();
        ChildJvm first = child(null, StoppableParticipant.class, "produce-big", q.address(), Integer.toString(BIG),
                "0");
        awaitState(cb, first, "the first writer half-way through the big frame, FIFO full",
                () -> first.stdout().contains("PUT") && writerInsideFrame(cb, first, bigSeq, BIG) && fifoFull(cb));
        // NOTE: stopped so that the reader below stays inside the frame: its rest is never written.
        StoppedProcess.stop(first.pid());
        ChildJvm reader = child(null, StoppableParticipant.class, "take", q.address(), "1", "60000");
        awaitState(cb, reader, "the reader inside the big frame", () -> readerInsideFrame(cb, reader, bigSeq));
        // NOTE: stopped so that it cannot serve the request the second writer raises.
        StoppedProcess.stop(reader.pid());
        first.kill();

        ChildJvm requester = child(null, ChildRole.class, "produce", "queue", q.address(), "w2",
                Integer.toString(PER_WRITER), "0");
        awaitState(cb, requester, "the second writer holding the dead writer's lock, asking the reader for the repair",
                () -> cb.writeLockPid() == requester.pid() && cb.repairRequesterPid() == requester.pid());
        requester.kill();
        assertThat(readerInsideFrame(cb, reader, bigSeq)).as("the stopped reader is still inside the frame: "
                + cb.describe()).isTrue();
        assertThat(cb.repairRequesterPid()).as("the dead requester's request is still raised: " + cb.describe())
                .isEqualTo((int) requester.pid());
        return reader;
    }

    /**
     * A new writer (this process) puts after the third writer; every remaining item is taken. Checks
     * that exactly the third writer's and this process's items arrive, each once and unchanged (the
     * first {@code takenByReader} of the third writer's were taken by the reader, listed in {@code
     * delivered}), and that the queue is then empty with no lock or request left.
     */
    private static void assertStreamIntact(Queue<Object> q, ControlBlockView cb, List<String> delivered,
                                           int takenByReader) throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < PER_WRITER; i++) {
            expected.add("w3:" + i);
        }
        for (int i = 0; i < PER_WRITER; i++) {
            String item = "new:" + i;
            q.put(item);
            expected.add(item);
        }
        for (int i = takenByReader; i < expected.size(); i++) {
            delivered.add(StoppableParticipant.describe(q.get(ChildJvm.scaled(Duration.ofSeconds(10)))));
        }
        Set<String> unique = new HashSet<>(delivered);
        assertThat(unique).as("nothing delivered twice: " + delivered).hasSize(delivered.size());
        assertThat(delivered).as("every live writer's item once, in each writer's order; nothing of the killed"
                + " writers, nothing torn").containsExactlyElementsOf(expected);
        assertThatThrownBy(() -> q.get(ChildJvm.scaled(Duration.ofMillis(200)))).isInstanceOf(Empty.class);
        assertThat(q.qsize()).as("qsize() after the drain").isZero();
        assertThat(q.empty()).isTrue();
        assertThat(cb.repairRequest()).as("no repair request left: " + cb.describe()).isZero();
        assertThat(cb.writeLockPid()).as("write lock free: " + cb.describe()).isZero();
        assertThat(cb.readLockPid()).as("read lock free: " + cb.describe()).isZero();
    }

    private ChildJvm child(String pausePoint, Class<?> main, String... args) {
        ChildJvm child = ChildJvm.start(work, pausePoint, main, args);
        children.add(child);
        return child;
    }

    private static List<String> got(List<String> childOutput) {
        return childOutput.stream().filter(l -> l.startsWith("GOT ")).map(l -> l.substring(4)).toList();
    }
}
