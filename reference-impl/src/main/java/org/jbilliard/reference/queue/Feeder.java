package org.jbilliard.reference.queue;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A handle's feeder: the daemon platform thread that writes the frames {@code put} accepted, as in
 * billiard. Frames are buffered in memory; the thread drains as many as fit in one batch (up to
 * {@link #BATCH_BYTES} bytes and half the ring) and hands them to {@link PipeChannel#writeFrames} as
 * one {@code write}. A frame larger than a batch is written on its own.
 *
 * <p>The thread starts at the first {@link #offer}, and ends once {@link #close()} was called and
 * the buffer is empty; {@link #awaitFlushed} waits for that.
 *
 * <p><b>Thread-safety.</b> {@link #offer}, {@link #close()} and {@link #awaitFlushed} may be called
 * from any thread.
 */
final class Feeder implements Runnable {

    static final int BATCH_BYTES = 256 * 1024;
    private static final int BATCH_FRAMES = ControlBlockLayout.RING_CAPACITY / 2;
    private static final int SPINS = 500;

    private final PipeChannel channel;
    private final Runnable onExit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
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
     * @return {@code false} if the feeder was closed (the frame was not taken)
     */
    boolean offer(byte[] frame) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            buffer.add(frame);
            queued = buffer.size();
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
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        byte[] batch = new byte[BATCH_BYTES];
        int[] lengths = new int[BATCH_FRAMES];
        try {
            while (true) {
                byte[] single = null;
                int count = 0;
                int bytes = 0;
                // A short spin before sleeping: under a steady stream of puts, being woken for every
                // item would cost a thread wake-up (several microseconds) per item.
                for (int i = 0; i < SPINS && queued == 0; i++) {
                    Thread.onSpinWait();
                }
                lock.lock();
                try {
                    while (buffer.isEmpty() && !closing) {
                        changed.await(1, TimeUnit.SECONDS);
                    }
                    if (buffer.isEmpty()) {
                        break;
                    }
                    byte[] first = buffer.peek();
                    if (first.length > BATCH_BYTES) {
                        single = buffer.poll();
                    } else {
                        while (!buffer.isEmpty() && count < BATCH_FRAMES
                                && bytes + buffer.peek().length <= BATCH_BYTES) {
                            byte[] f = buffer.poll();
                            System.arraycopy(f, 0, batch, bytes, f.length);
                            lengths[count++] = f.length;
                            bytes += f.length;
                        }
                    }
                    queued = buffer.size();
                } finally {
                    lock.unlock();
                }
                TestHooks.pause("feeder-before-write");
                if (single != null) {
                    channel.writeFrames(single, single.length, new int[] {single.length}, 1, () -> { }, false);
                } else {
                    channel.writeFrames(batch, bytes, lengths, count, () -> { }, false);
                }
            }
        } catch (InterruptedException e) {
            // cannot happen: the checkpoints above never throw; treat as the end of the feeder
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            System.err.println("jbilliard: feeder of " + channel.name + " failed; buffered items are lost");
            e.printStackTrace();
            lock.lock();
            try {
                for (int i = buffer.size(); i > 0; i--) {
                    channel.unreserve();
                }
                buffer.clear();
                closing = true;
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
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
