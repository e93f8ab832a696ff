package org.jbilliard.reference.queue;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * States of the queue protocol that a child JVM can be brought to without pause points, read from
 * the control block ({@link ControlBlockView}), and a bounded wait for them that reports the child's
 * output if it exits first.
 *
 * <p>Stateless; thread-safe.
 */
final class ChildStates {

    private ChildStates() {
    }

    /** Waits (at most 60 s × the time factor) until {@code reached}; fails at once if {@code child} exits. */
    static void awaitState(ControlBlockView cb, ChildJvm child, String state, BooleanSupplier reached) {
        await(state).atMost(ChildJvm.scaled(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(2))
                .until(() -> {
                    if (reached.getAsBoolean()) {
                        return true;
                    }
                    if (!child.isAlive()) {
                        throw new AssertionError("child exited before " + state + ": " + child.report()
                                + "\n" + cb.describe());
                    }
                    return false;
                });
    }

    /**
     * The write lock's holder is {@code writer}, and frame {@code seq}, longer than {@code minLength},
     * is partly written.
     */
    static boolean writerInsideFrame(ControlBlockView cb, ChildJvm writer, int seq, int minLength) {
        return cb.writeLockPid() == writer.pid() && cb.published() - seq >= 1 && cb.frameLength(seq) > minLength
                && cb.written() > cb.frameStart(seq) && cb.written() < cb.frameStart(seq) + cb.frameLength(seq);
    }

    /**
     * The read lock's holder is {@code reader}, which has read every byte written so far, part of
     * frame {@code seq}, into its private memory (the frame is longer than the read stage).
     */
    static boolean readerInsideFrame(ControlBlockView cb, ChildJvm reader, int seq) {
        return cb.readLockPid() == reader.pid() && cb.readingPrivately() && cb.read() == cb.written()
                && cb.read() > cb.frameStart(seq) && cb.taken() == seq;
    }

    /** The FIFO holds all it can: a writer's next write(2) fails with EAGAIN. */
    static boolean fifoFull(ControlBlockView cb) {
        return cb.written() - cb.read() > cb.pipeSize() - 4096;
    }
}
