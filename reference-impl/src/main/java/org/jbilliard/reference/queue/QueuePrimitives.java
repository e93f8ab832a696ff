package org.jbilliard.reference.queue;

import java.lang.foreign.Arena;

/**
 * <b>Internal, not part of jbilliard's API:</b> the per-item primitives of a queue (framing a
 * payload, verifying a frame, taking a control-block lock, counting an item), reachable from outside
 * this package so that the benchmarks measure them exactly as the queue calls them. It may change or
 * disappear in any release; applications use {@link org.jbilliard.Context} and its queues.
 *
 * <p>Each method is one call into the package-private class the queue itself uses, so what is
 * measured is the queue's code, not a copy of it.
 *
 * <p><b>Thread-safety.</b> The static methods are stateless. A {@link PrivateControlBlock} is as
 * thread-safe as a queue's control block (every access is atomic); it is meant for one thread.
 */
public final class QueuePrimitives {

    private QueuePrimitives() {
    }

    /**
     * Frames a payload as {@code put} does: header and CRC32C of the payload.
     *
     * @param payload the encoded item
     * @return the frame
     */
    public static byte[] encodeFrame(byte[] payload) {
        return FrameLayout.encode(payload);
    }

    /**
     * Verifies a frame as {@code get} does.
     *
     * @param frame  a buffer starting with a frame
     * @param length how many bytes of {@code frame} the frame spans
     * @return {@code null} if the frame is intact, else what is wrong with it
     */
    public static String verifyFrame(byte[] frame, int length) {
        return FrameLayout.verify(frame, length);
    }

    /**
     * A zeroed control block in private memory (not shared with any process), for measuring the
     * uncontended cost of its primitives.
     *
     * <p><b>Thread-safety.</b> See the class documentation.
     */
    public static final class PrivateControlBlock implements AutoCloseable {

        private final Arena arena = Arena.ofShared();
        private final ControlBlock block = new ControlBlock(arena.allocate(ControlBlockLayout.SLOTS_OFFSET, 64));

        /** Allocates and zeroes the block. */
        public PrivateControlBlock() {
        }

        /**
         * Takes and releases the read lock, as a {@code get} does around its read.
         *
         * @param owner the owner identity written into the lock word; any non-zero value
         * @return the outcome of taking the lock
         */
        public int lockAndUnlockRead(long owner) {
            int outcome = SharedLock.tryLock(block, ControlBlockLayout.READ_LOCK_OFFSET, owner);
            SharedLock.unlock(block, ControlBlockLayout.READ_LOCK_OFFSET);
            return outcome;
        }

        /**
         * Increments the queue-size counter, as every {@code put} does.
         *
         * @return the new value
         */
        public int incrementSize() {
            return Counters.addQsize(block, 1);
        }

        /** Frees the block's memory. */
        @Override
        public void close() {
            arena.close();
        }
    }
}
