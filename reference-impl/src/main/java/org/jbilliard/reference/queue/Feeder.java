package org.jbilliard.reference.queue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A handle's feeder: the daemon platform thread that writes the frames {@code put} accepted, as in
 * billiard. {@link #offer} builds the frame in a {@link FrameBuffer} (native memory, so a backlog of
 * large items costs the garbage collector nothing) and returns at once; the buffer is unbounded. The
 * thread takes as many contiguous frames as fit in one batch (up to {@link #BATCH_BYTES} bytes and
 * half the ring) and hands them to {@link PipeChannel#writeFrames}, which writes them with one
 * {@code write} straight from that memory. A frame larger than a batch is written on its own.
 *
 * <pre>
 *  put threads                      FrameBuffer (native)               feeder thread
 *  offer: lock; append     ----&gt;    [ chunk | chunk | chunk ]  ----&gt;   lock; take batch; unlock
 *         (header + payload copy,                                     writeFrames (one write)
 *          signal); unlock                                            lock; retire written; unlock
 * </pre>
 *
 * <p>The thread starts at the first {@link #offer}, and ends once {@link #close()} was called and
 * the buffer is empty (or a write failed: the frames still buffered are then taken off the count);
 * it frees the buffer's memory before releasing the handle. {@link #awaitFlushed} waits for that.
 *
 * <p><b>Thread-safety.</b> {@link #offer}, {@link #close()}, {@link #isFinished()},
 * {@link #awaitFlushed} and {@link #buffered()} may be called from any thread; the buffer is guarded
 * by one lock, held by {@code offer} for the copy of one frame and by the thread only to take or
 * retire a batch, never during a {@code write}. Frames offered by one thread are written in the
 * order offered. Only {@link #awaitFlushed} blocks.
 */
final class Feeder implements Runnable {

    static final int BATCH_BYTES = 256 * 1024;
    private static final int BATCH_FRAMES = ControlBlockLayout.RING_CAPACITY / 2;
    private static final int SPINS = 500;

    private final PipeChannel channel;
    private final Runnable onExit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final FrameBuffer buffer = new FrameBuffer();
    private Thread thread;
    private boolean closing;
    private boolean finished;
    private boolean exited;
    /** Frames offered and not yet taken by the thread; read without the lock while spinning. */
    private volatile int queued;

    Feeder(PipeChannel channel, Runnable onExit) {
        this.channel = channel;
        this.onExit = onExit;
    }

    /**
     * Buffers a frame for writing.
     *
     * @param payload  the codec's bytes (copied; the caller may reuse the array afterwards)
     * @param checksum their CRC32C
     * @return {@code false} if the feeder was closed (the frame was not taken)
     * @throws OutOfMemoryError if no native memory is left (the frame was not taken)
     */
    boolean offer(byte[] payload, int checksum) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            buffer.append(payload, checksum);
            queued = buffer.frames();
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name("jbilliard-feeder " + channel.name).unstarted(this);
                thread.start();
            } else {
                changed.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Lets the thread flush what is buffered and end. */
    void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
            if (thread == null) {
                finished = true;
                exited = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the thread has ended (or never started and was closed). */
    boolean isFinished() {
        lock.lock();
        try {
            return finished;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything buffered was written and the thread ended.
     *
     * @return {@code true} if it did within the time
     */
    boolean awaitFlushed(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (!exited) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Number of frames not yet handed to the writer. */
    int buffered() {
        lock.lock();
        try {
            return buffer.frames();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        FrameBuffer.Batch batch = new FrameBuffer.Batch(BATCH_FRAMES);
        try {
            while (true) {
                // A short spin before sleeping: under a steady stream of puts, being woken for every
                // item would cost a thread wake-up (several microseconds) per item.
                for (int i = 0; i < SPINS && queued == 0; i++) {
                    Thread.onSpinWait();
                }
                lock.lock();
                try {
                    while (buffer.frames() == 0 && !closing) {
                        if (!changed.await(1, TimeUnit.SECONDS)) {
                            buffer.trimSpares(); // idle for a second: give back the memory a burst took
                        }
                    }
                    if (!buffer.take(batch, BATCH_BYTES, BATCH_FRAMES)) {
                        break;
                    }
                    queued = buffer.frames();
                } finally {
                    lock.unlock();
                }
                TestHooks.pause("feeder-before-write");
                channel.writeFrames(batch.segment, batch.offset, batch.length, batch.lengths, batch.count,
                        () -> { }, false);
                lock.lock();
                try {
                    // NOTE: only now, with the batch written, may its memory be reused or freed.
                    buffer.retire();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            // cannot happen: the checkpoints above never throw; treat as the end of the feeder
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            System.err.println("jbilliard: feeder of " + channel.name + " failed; buffered items are lost");
            e.printStackTrace();
        } finally {
            lock.lock();
            try {
                // Left only after a failure: these items will never be written.
                for (int i = buffer.frames(); i > 0; i--) {
                    channel.unreserve();
                }
                // NOTE: closing is set before the memory is freed, so no offer appends any more.
                closing = true;
                buffer.free();
                finished = true;
            } finally {
                lock.unlock();
            }
            // NOTE: the handle is released before flush waiters wake, so that after joinThread()
            // the slot is free and, for the last participant, the files are gone.
            try {
                onExit.run();
            } finally {
                lock.lock();
                try {
                    exited = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
