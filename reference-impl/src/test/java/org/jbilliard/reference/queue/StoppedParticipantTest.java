package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jbilliard.reference.queue.ChildStates.awaitState;
import static org.jbilliard.reference.queue.ChildStates.fifoFull;
import static org.jbilliard.reference.queue.ChildStates.readerInsideFrame;
import static org.jbilliard.reference.queue.ChildStates.writerInsideFrame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A participant that is alive but not running (SIGSTOP: a debugger, a frozen cgroup, a long GC
 * pause) delays no other process's bounded call (BEHAVIOUR rows 6 and 19): while a real child JVM
 * is stopped holding the read lock half-way through a frame, blocked in {@code get}, half-way
 * through writing a multi-MiB frame, or holding items it counted but has not published (they are
 * owed, not waited for), this process's {@code getNowait()} / {@code putNowait()} return
 * within 50 ms and {@code get(t)} / {@code put(t)} within {@code t} + 50 ms (both × {@code
 * JBILLIARD_TIME_FACTOR}). After SIGCONT every item arrives exactly once and intact, and {@code
 * qsize()} is exact at every step.
 *
 * <p>Each child is brought to its state deterministically, without pause points, and the state is
 * read from the control block ({@link ControlBlockView}) before and after the stop: a stopped
 * process cannot leave it. Every call under test runs on a helper thread with a bound, so an
 * implementation that waits for the stopped process fails with the call named instead of hanging.
 *
 * <p>If this fails, check the reader's lock wait ({@code take}) and the frame wait ({@code
 * readUnderLock}, {@code readFrame}): neither may extend a caller's deadline because some other
 * participant holds the read lock, has counted an item, or is inside a frame.
 */
class StoppedParticipantTest {

    /** Larger than the FIFO (1 MiB) and the read stage (256 KiB): the frame is written and read in parts. */
    private static final int BIG = 4 << 20;
    /** Fits the read stage (256 KiB). */
    private static final int STAGED = 200_000;
    /** With {@link #STAGED} more than the FIFO holds; larger than the stage. */
    private static final int FILLER = 900_000;
    private static final int MAXSIZE = 8;
    private static final int SMALL = 3;
    /** The promise: a call that does not wait returns within this; a timed call within its timeout plus this. */
    private static final Duration SLACK = ChildJvm.scaled(Duration.ofMillis(50));
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** How long a call that broke its bound may still block before the test gives up on it. */
    private static final Duration GIVE_UP = ChildJvm.scaled(Duration.ofSeconds(10));

    @TempDir
    Path work;

    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "bounded-call"));
    private final List<ChildJvm> children = new ArrayList<>();
    /** Items this process took, in order. */
    private final List<String> takenHere = new ArrayList<>();

    /** SIGCONT to every child still running (a reaped child's pid may belong to another process now). */
    private void resumeChildren() {
        for (ChildJvm child : children) {
            if (child.isAlive()) {
                StoppedProcess.resume(child.pid());
            }
        }
    }

    @AfterEach
    void reap() throws InterruptedException {
        resumeChildren();
        for (ChildJvm child : children) {
            child.close();
        }
        caller.shutdownNow();
        assertThat(caller.awaitTermination(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS))
                .as("the bounded-call thread finished").isTrue();
    }

    @Test
    @Timeout(240)
    void aReadLockHolderStoppedHalfWayThroughAFrameDelaysNoBoundedCall() throws Exception {
        whileStopped("the read lock holder is stopped mid-frame", (q, cb) -> {
            int bigSeq = cb.published();
            ChildJvm producer = child("produce-big", q.address(), Integer.toString(BIG), Integer.toString(SMALL));
            awaitWriterBlockedInsideTheBigFrame(cb, producer, bigSeq);
            // NOTE: the writer is stopped only until the reader is inside the frame: a reader cannot
            // finish a frame whose rest is not written, so the reader's state below is stable.
            StoppedProcess.stop(producer.pid());
            ChildJvm consumer = child("take", q.address(), "1", "60000");
            BooleanSupplier readerInsideTheFrame = () -> readerInsideFrame(cb, consumer, bigSeq);
            awaitState(cb, consumer, "the consumer holding the read lock half-way through the big frame",
                    readerInsideTheFrame);
            StoppedProcess.stop(consumer.pid());
            assertThat(readerInsideTheFrame.getAsBoolean()).as("still inside the frame once stopped: " + cb.describe())
                    .isTrue();
            StoppedProcess.resume(producer.pid());
            awaitState(cb, producer, "the producer writing again until the FIFO is full", () -> fifoFull(cb));
            assertThat(q.qsize()).as("the big item and the small ones are counted").isEqualTo(1 + SMALL);
            return new Stopped(1 + SMALL, () -> {
                StoppedProcess.resume(consumer.pid());
                List<String> gotThere = got(consumer.awaitSuccess(Duration.ofSeconds(60)));
                assertThat(gotThere).as("the stopped reader finishes its frame: " + consumer.report())
                        .containsExactly("big " + BIG + " intact");
                producer.awaitSuccess(Duration.ofSeconds(60));
                return new Resumed(bigAndSmallItems(BIG), gotThere, () -> { });
            });
        });
    }

    @Test
    @Timeout(240)
    void aConsumerStoppedWhileBlockedInGetDelaysNoBoundedCall() throws Exception {
        whileStopped("a consumer blocked in get is stopped", (q, cb) -> {
            ChildJvm consumer = child("take", q.address(), "1", "60000");
            BooleanSupplier waiting = () -> cb.readLockPid() == consumer.pid() && cb.publicationWaiters() > 0;
            awaitState(cb, consumer, "the consumer blocked in get, holding the read lock", waiting);
            StoppedProcess.stop(consumer.pid());
            assertThat(waiting.getAsBoolean()).as("still blocked in get once stopped: " + cb.describe()).isTrue();
            return new Stopped(0, () -> {
                StoppedProcess.resume(consumer.pid());
                List<String> gotThere = got(consumer.awaitSuccess(Duration.ofSeconds(60)));
                assertThat(gotThere).as("the consumer's get, once it runs again: " + consumer.report()).hasSize(1);
                return new Resumed(List.of(), gotThere, () -> { });
            });
        });
    }

    @Test
    @Timeout(240)
    void aWriterStoppedHalfWayThroughAMultiMegabyteFrameDelaysNoBoundedCall() throws Exception {
        whileStopped("a writer is stopped mid-frame", (q, cb) -> {
            int bigSeq = cb.published();
            ChildJvm producer = child("produce-big", q.address(), Integer.toString(BIG), Integer.toString(SMALL));
            awaitWriterBlockedInsideTheBigFrame(cb, producer, bigSeq);
            StoppedProcess.stop(producer.pid());
            assertThat(writerInsideFrame(cb, producer, bigSeq, BIG)).as("still inside the frame once stopped: "
                    + cb.describe()).isTrue();
            assertThat(q.qsize()).as("the big item and the small ones are counted").isEqualTo(1 + SMALL);
            return new Stopped(1 + SMALL, () -> {
                StoppedProcess.resume(producer.pid());
                // NOTE: the producer is awaited after the drain: the rest of its frame is more than the
                // FIFO holds, so its close() can only finish while this process reads.
                return new Resumed(bigAndSmallItems(BIG), List.of(),
                        () -> producer.awaitSuccess(Duration.ofSeconds(60)));
            });
        });
    }

    @Test
    @Timeout(240)
    void aWriterStoppedHalfWayThroughAFrameThatFitsTheReadStageDelaysNoBoundedCall() throws Exception {
        whileStopped("a writer is stopped inside a staged frame", (q, cb) -> {
            int seq = cb.published();
            // NOTE: the first item fills most of the FIFO, so the second, which fits the 256 KiB read
            // stage, is only partly written when the FIFO is full.
            ChildJvm producer = child("produce-sizes", q.address(), FILLER + "," + STAGED);
            awaitState(cb, producer, "the producer's feeder half-way through the second frame, FIFO full",
                    () -> producer.stdout().contains("PUT") && writerInsideFrame(cb, producer, seq + 1, STAGED)
                            && fifoFull(cb));
            StoppedProcess.stop(producer.pid());
            assertThat(writerInsideFrame(cb, producer, seq + 1, STAGED)).as("still inside the frame once stopped: "
                    + cb.describe()).isTrue();
            assertThat(StoppableParticipant.describe(q.get(ChildJvm.scaled(Duration.ofSeconds(30)))))
                    .as("the complete first frame").isEqualTo("big " + FILLER + " intact");
            return new Stopped(1, () -> {
                StoppedProcess.resume(producer.pid());
                producer.awaitSuccess(Duration.ofSeconds(60));
                return new Resumed(List.of("big " + STAGED + " intact"), List.of(), () -> { });
            });
        });
    }

    @Test
    @Timeout(240)
    void aProducerStoppedBetweenPutAndItsFlushOwesItsItemsAndDelaysNoBoundedCall() throws Exception {
        whileStopped("a producer holding counted items is stopped", (q, cb) -> {
            int bigSeq = cb.published();
            // A writer blocked on the full FIFO holds the write lock, so the next producer's feeder
            // waits for it: that producer's items are counted and not yet published.
            ChildJvm writer = child("produce-big", q.address(), Integer.toString(BIG), "0");
            awaitWriterBlockedInsideTheBigFrame(cb, writer, bigSeq);
            ChildJvm producer = child("produce", q.address(), "Q", Integer.toString(SMALL));
            awaitState(cb, producer, "the producer's items counted, its feeder waiting for the write lock",
                    () -> producer.stdout().contains("PUT") && cb.qsize() == 1 + SMALL);
            StoppedProcess.stop(producer.pid());
            assertThat(cb.writeLockPid()).as("the write lock is still the big writer's: " + cb.describe())
                    .isEqualTo((int) writer.pid());
            assertThat(StoppableParticipant.describe(q.get(ChildJvm.scaled(Duration.ofSeconds(30)))))
                    .isEqualTo("big " + BIG + " intact");
            writer.awaitSuccess(Duration.ofSeconds(60));
            assertThat(cb.published()).as("the stopped producer published nothing: " + cb.describe())
                    .isEqualTo(bigSeq + 1);
            assertThat(q.qsize()).as("the stopped producer's items are counted (owed)").isEqualTo(SMALL);
            return new Stopped(SMALL, () -> {
                StoppedProcess.resume(producer.pid());
                producer.awaitSuccess(Duration.ofSeconds(60));
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < SMALL; i++) {
                    expected.add("Q:" + i);
                }
                return new Resumed(expected, List.of(), () -> { });
            });
        });
    }

    // ------------------------------------------------------------------ one state, end to end

    /** Brings a child participant to a state and stops it there. */
    @FunctionalInterface
    private interface StoppedState {
        Stopped bringAbout(Queue<Object> q, ControlBlockView cb) throws Exception;
    }

    /**
     * A participant stopped in its state.
     *
     * @param counted items the others counted and this process has not taken
     * @param resume  sends SIGCONT and reports what must arrive
     */
    private record Stopped(int counted, Callable<Resumed> resume) {
    }

    /**
     * After SIGCONT.
     *
     * @param expected        the others' items that must arrive (besides those put here)
     * @param takenByChildren what the children took
     * @param afterDrain      what to check once this process has taken the rest
     */
    private record Resumed(List<String> expected, List<String> takenByChildren, Check afterDrain) {
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    /**
     * The test of one state: a fresh queue, warmed up; the state brought about and stopped; every
     * bounded call checked while it lasts; SIGCONT; then every item exactly once, intact, and
     * {@code qsize()} exact. Children left stopped by a failure are resumed before the handle closes.
     */
    private void whileStopped(String condition, StoppedState state) throws Exception {
        Queue<Object> q = PipeQueues.create(MAXSIZE, new SerializingCodec());
        try (ControlBlockView cb = ControlBlockView.of(q.address())) {
            warmUp(q);
            Stopped stopped = state.bringAbout(q, cb);
            List<String> putHere = boundedCallsWhileStopped(q, stopped.counted(), condition);
            Resumed resumed = stopped.resume().call();
            List<String> expected = new ArrayList<>(resumed.expected());
            expected.addAll(putHere);
            assertDeliveredExactlyOnce(q, expected, resumed.takenByChildren());
            resumed.afterDrain().run();
        } finally {
            resumeChildren(); // a handle's close must not meet a participant left stopped by a failure
            q.close();
        }
    }

    /** The big item of {@code size} bytes, then the small ones, as {@code produce-big} puts them. */
    private static List<String> bigAndSmallItems(int size) {
        List<String> items = new ArrayList<>();
        items.add("big " + size + " intact");
        items.addAll(smallItems());
        return items;
    }

    // ------------------------------------------------------------------ the calls under test

    /**
     * While another participant is stopped: checks that {@code getNowait()} and {@code get(t)}
     * return (an item or {@code Empty}) within their bounds, on the queue as it is and again after
     * filling it with {@code putNowait()}, that {@code putNowait()} and {@code put(t)} on the full
     * queue report {@code Full} within theirs, and that {@code qsize()} counts exactly what was put
     * and not taken.
     *
     * @param counted the items counted before
     * @return the items put here
     */
    private List<String> boundedCallsWhileStopped(Queue<Object> q, int counted, String condition) throws Exception {
        int expectedSize = counted;
        // NOTE: first with only what the others put: an item of ours, published, would be readable
        // and hide a wait for theirs.
        expectedSize -= takeWithBoundedGets(q, condition);
        List<String> putHere = new ArrayList<>();
        while (expectedSize < MAXSIZE) {
            String item = "X:" + putHere.size();
            Outcome put = call("putNowait() while " + condition, Duration.ZERO, () -> {
                q.putNowait(item);
                return item;
            });
            assertThat(put.thrown).as("putNowait() below maxsize").isNull();
            putHere.add(item);
            expectedSize++;
        }
        assertThat(call("putNowait() on a full queue while " + condition, Duration.ZERO, () -> {
            q.putNowait("refused");
            return null;
        }).thrown).isInstanceOf(Full.class);
        assertThat(call("put(" + TIMEOUT.toMillis() + " ms) on a full queue while " + condition, TIMEOUT, () -> {
            q.put("refused", TIMEOUT);
            return null;
        }).thrown).isInstanceOf(Full.class);
        expectedSize -= takeWithBoundedGets(q, condition + ", queue full");
        assertThat(q.qsize()).as("qsize() while " + condition).isEqualTo(expectedSize);
        return putHere;
    }

    /** {@code getNowait()}, {@code get(t)} and {@code get(false, null)}, each bounded; returns the items taken. */
    private int takeWithBoundedGets(Queue<Object> q, String condition) throws Exception {
        int taken = take(call("getNowait() while " + condition, Duration.ZERO, q::getNowait));
        taken += take(call("get(" + TIMEOUT.toMillis() + " ms) while " + condition, TIMEOUT, () -> q.get(TIMEOUT)));
        taken += take(call("get(false, null) while " + condition, Duration.ZERO, () -> q.get(false, null)));
        return taken;
    }

    /** Records an item a call under test took; {@code Empty} is the other allowed outcome. */
    private int take(Outcome outcome) {
        if (outcome.thrown == null) {
            takenHere.add(StoppableParticipant.describe(outcome.value));
            return 1;
        }
        assertThat(outcome.thrown).as("a get may only return an item or throw Empty").isInstanceOf(Empty.class);
        return 0;
    }

    /** What a bounded call returned or threw. */
    private record Outcome(Object value, Throwable thrown) {
    }

    /**
     * Runs {@code body} on the helper thread and asserts that it returned or threw within {@code
     * timeout} + {@link #SLACK}; a call still blocked after {@link #GIVE_UP} fails the test at once.
     */
    private Outcome call(String what, Duration timeout, Callable<Object> body) throws InterruptedException {
        Duration bound = timeout.plus(SLACK);
        long start = System.nanoTime();
        Future<Outcome> future = caller.submit(() -> {
            try {
                return new Outcome(body.call(), null);
            } catch (Exception e) {
                return new Outcome(null, e);
            }
        });
        Outcome outcome;
        try {
            outcome = future.get(bound.plus(GIVE_UP).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " must return within " + bound.toMillis() + " ms; still blocked after "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as(what + " returned " + (outcome.thrown == null ? String.valueOf(outcome.value)
                : outcome.thrown.toString()) + " after " + took.toMillis() + " ms; bound " + bound.toMillis() + " ms")
                .isLessThanOrEqualTo(bound);
        return outcome;
    }

    // ------------------------------------------------------------------ states and judgement

    private ChildJvm child(String... args) {
        ChildJvm child = ChildJvm.start(work, null, StoppableParticipant.class, args);
        children.add(child);
        return child;
    }

    private static List<String> got(List<String> childOutput) {
        return childOutput.stream().filter(l -> l.startsWith("GOT ")).map(l -> l.substring(4)).toList();
    }

    private static List<String> smallItems() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < SMALL; i++) {
            items.add("P:" + i);
        }
        return items;
    }

    /**
     * The producer has put everything and its feeder holds the write lock with part of the big frame
     * in a full FIFO: nobody reads yet, so it stays there.
     */
    private static void awaitWriterBlockedInsideTheBigFrame(ControlBlockView cb, ChildJvm producer, int seq) {
        awaitState(cb, producer, "the producer's feeder half-way through the big frame, FIFO full",
                () -> producer.stdout().contains("PUT") && writerInsideFrame(cb, producer, seq, BIG) && fifoFull(cb));
    }

    /**
     * Runs each kind of call once before anything is stopped: the first call of a handle starts its
     * feeder and loads classes, which is start-up cost, not waiting for another participant.
     */
    private void warmUp(Queue<Object> q) throws Exception {
        q.putNowait("warm");
        assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(10)))).isEqualTo("warm");
        assertThat(call("getNowait() on an empty queue", Duration.ZERO, q::getNowait).thrown)
                .isInstanceOf(Empty.class);
        assertThat(call("get(1 ms) on an empty queue", Duration.ofMillis(1), () -> q.get(Duration.ofMillis(1)))
                .thrown).isInstanceOf(Empty.class);
        assertThat(q.qsize()).isZero();
    }

    /**
     * Takes every remaining item with a bounded {@code get}, then checks that the items this process
     * and the children took are exactly {@code expected} plus what the children report, each once and
     * intact, and that the queue is then empty by every measure.
     */
    private void assertDeliveredExactlyOnce(Queue<Object> q, List<String> expected, List<String> takenByChildren)
            throws Exception {
        List<String> all = new ArrayList<>(takenByChildren);
        all.addAll(takenHere);
        int remaining = expected.size() - all.size();
        assertThat(q.qsize()).as("qsize() after SIGCONT, before the drain").isEqualTo(remaining);
        for (int i = 0; i < remaining; i++) {
            all.add(StoppableParticipant.describe(q.get(ChildJvm.scaled(Duration.ofSeconds(10)))));
        }
        assertThat(all).as("every item exactly once, nothing torn, nothing foreign")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(q.qsize()).as("qsize() after the drain").isZero();
        assertThat(q.empty()).isTrue();
        Outcome last = call("getNowait() on the drained queue", Duration.ZERO, q::getNowait);
        assertThat(last.thrown).as("nothing more: " + last.value).isInstanceOf(Empty.class);
    }
}
