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
 * {@code write} straight from that memory. A frame larger than a batch is written on its own; a
 * large payload the buffer holds as its array (see {@link FrameBuffer}) is written from the heap,
 * after its header, without a copy.
 *
 * <pre>
 *  put threads                      FrameBuffer (native)               feeder thread
 *  offer: lock; append     ----&gt;    [ chunk | chunk | chunk ]  ----&gt;   lock; take batch; unlock
 *         (header + payload copy,                                     writeFrames (one write)
 *          signal); unlock                                            lock; retire written; unlock
 * </pre>
 *
 * <p><b>Writing from the caller.</b> A thread wake-up costs several microseconds (far more on a busy
 * machine), so when the feeder is idle — nothing buffered, no batch being written — {@link #offer}
 * writes a small frame (at most {@link PipeChannel#ATOMIC_WRITE_BYTES}, which a pipe writes whole or
 * not at all) itself with {@link PipeChannel#tryWriteNow}, which never waits: if the write lock is
 * taken or the ring full, nothing is published and the frame is left to the thread as usual. If the
 * frame was published but the FIFO had no room, the write lock stays held (it belongs to the
 * process, not to a thread) and the frame's bytes are handed to the thread, which writes them before
 * anything else and then releases the lock ({@link PipeChannel#finishWrite}): a published frame is
 * never left unwritten, and no other writer can slip in front of its bytes. While such a direct write
 * runs the feeder counts as busy, so frames of one thread still go out in order. A stream of puts
 * (an offer less than {@link #STREAMING_GAP_NANOS} after the previous one returned) is left to the
 * thread: one write per item costs more than its batches (see the README's performance section for
 * the benchmark run that showed it).
 *
 * <pre>
 *  offer, feeder idle, frame &lt;= 4096 bytes:
 *    lock; append; take it; busy; unlock
 *    tryWriteNow --- written ----------------&gt; lock; not busy; retire; unlock
 *                --- lock/ring busy ---------&gt; lock; untake (buffered again); not busy; signal; unlock
 *                --- published, no room -----&gt; lock; hand rest to thread (still busy); signal; unlock
 *                                                 thread: finishWrite (write rest, unlock write lock)
 * </pre>
 *
 * <p>The thread starts at the first {@link #offer}, and ends once {@link #close()} was called and
 * the buffer is empty (or a write failed: the frames still buffered are then taken off the count);
 * it frees the buffer's memory before releasing the handle. {@link #awaitFlushed} waits for that.
 *
 * <p><b>Thread-safety.</b> {@link #offer}, {@link #close()}, {@link #isFinished()},
 * and {@link #awaitFlushed} may be called from any thread;
 * the buffer is guarded by one lock, held by {@code offer} for the copy of one frame and by the
 * thread only to take or retire a batch, never during a {@code write}. Frames offered by one thread
 * are written in the order offered. Only {@link #awaitFlushed} blocks; {@code offer} may make one
 * non-blocking {@code write}.
 */
final class Feeder implements Runnable {

    static final int BATCH_BYTES = 256 * 1024;
    private static final int BATCH_FRAMES = ControlBlockLayout.RING_CAPACITY / 2;
    private static final int SPINS = 500;
    /**
     * The feeder's waits (write lock, a dead predecessor's repair, ring entries) end at an interrupt
     * of its thread; {@code close()} lets it flush, as billiard's feeder does, so it does not end them.
     */
    private static final SharedLock.Checkpoint INTERRUPTIBLE = () -> {
        if (Thread.interrupted()) {
            throw new InterruptedException("feeder interrupted");
        }
    };
    /**
     * Whether offers may write from the caller: not with pause points that stop a producer with its
     * items accepted and none published ({@link PausePoints#directWrites}).
     */
    private final boolean directWrites;
    /**
     * Offers closer together than this are a stream, left to the thread's batches: a round trip
     * (ping-pong, request/response) leaves more than this between puts, a loop of puts far less.
     */
    static final long STREAMING_GAP_NANOS = 2_000;

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
    /**
     * A batch is being written (by the thread, or by an offer writing directly), or a published frame
     * is waiting for the thread to finish its write; its memory must not be retired. Guarded.
     */
    private boolean busy;
    /** When the last offer returned ({@link System#nanoTime()}); guarded by the lock. */
    private long lastOfferEnd = Long.MIN_VALUE / 2;
    /** A published frame an offer could not write, with the write lock held: the thread's next job. */
    private FrameBuffer.Batch handover;
    /** The batch of a direct write; used only while {@link #busy} (so by one offer at a time). */
    private final FrameBuffer.Batch direct = new FrameBuffer.Batch(1);

    Feeder(PipeChannel channel, Runnable onExit) {
        this.channel = channel;
        this.onExit = onExit;
        this.directWrites = channel.pauses.directWrites();
    }

    /**
     * Buffers a frame for writing.
     *
     * @param payload  the codec's bytes, owned by the caller (a large one is held, not copied, until
     *                 written: the caller must not change it afterwards)
     * @param checksum their CRC32C
     * @return {@code false} if the feeder was closed (the frame was not taken)
     * @throws OutOfMemoryError if no native memory is left (the frame was not taken)
     */
    boolean offer(byte[] payload, int checksum) {
        boolean writeNow;
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            buffer.append(payload, checksum);
            // NOTE: only when nothing else is buffered or being written: every frame offered before
            // this one is then published already, so writing this one now keeps the order.
            // NOTE: not for a thread that is streaming (its previous offer ended moments ago): one
            // write per item would then cost more than the batches the thread makes of a stream.
            writeNow = directWrites && !busy && buffer.frames() == 1
                    && System.nanoTime() - lastOfferEnd >= STREAMING_GAP_NANOS
                    && FrameLayout.HEADER_SIZE + payload.length <= PipeChannel.ATOMIC_WRITE_BYTES
                    && buffer.take(direct, PipeChannel.ATOMIC_WRITE_BYTES, 1);
            if (writeNow) {
                busy = true;
                if (thread == null) {
                    wake(); // started now, so that it is there if the frame is handed over
                }
            } else {
                queued = buffer.frames();
                wake();
            }
        } finally {
            lock.unlock();
        }
        if (writeNow) {
            writeNow();
        }
        lastOfferEnd = System.nanoTime();
        return true;
    }

    /** Starts the thread at the first offer, or tells it that something changed. Holds the lock. */
    private void wake() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("jbilliard-feeder " + channel.name).unstarted(this);
            thread.start();
        } else {
            changed.signalAll();
        }
    }

    /** Writes {@link #direct} from the calling thread; see the class comment. */
    private void writeNow() {
        int left;
        try {
            left = channel.tryWriteNow(direct.segment, direct.offset, direct.length);
        } catch (RuntimeException | Error e) {
            // Only a broken descriptor or mapping gets here; the thread then fails on its next write.
            // The item is lost (and, if it was not published yet, stays counted: a capacity leak of one).
            System.err.println("jbilliard: writing an item of " + channel.name + " failed; the item is lost");
            e.printStackTrace();
            lock.lock();
            try {
                busy = false;
                buffer.retire();
                wake();
            } finally {
                lock.unlock();
            }
            return;
        }
        lock.lock();
        try {
            if (left == PipeChannel.NOT_WRITTEN) {
                buffer.untake(direct);
                queued = buffer.frames();
                busy = false;
            } else if (left > 0) {
                FrameBuffer.Batch rest = new FrameBuffer.Batch(0);
                rest.segment = direct.segment;
                rest.offset = direct.offset + direct.length - left;
                rest.length = left;
                handover = rest; // busy stays set until the thread has written it
            } else {
                busy = false;
                buffer.retire();
            }
            // NOTE: the thread is woken only if it has work (or waits to end): waking it for every
            // direct write would cost the wake-up the direct write saves.
            if (left != 0 || buffer.frames() > 0 || closing) {
                wake();
            }
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
                FrameBuffer.Batch rest;
                lock.lock();
                try {
                    while (handover == null && (busy || buffer.frames() == 0) && !(closing && !busy)) {
                        if (!changed.await(1, TimeUnit.SECONDS) && !busy && buffer.frames() == 0) {
                            buffer.trimSpares(); // idle for a second: give back the memory a burst took
                        }
                    }
                    rest = handover;
                    handover = null;
                    if (rest == null) {
                        if (!buffer.take(batch, BATCH_BYTES, BATCH_FRAMES)) {
                            break; // closing, nothing buffered, nothing being written
                        }
                        busy = true;
                        queued = buffer.frames();
                    }
                } finally {
                    lock.unlock();
                }
                if (rest != null) {
                    channel.finishWrite(rest.segment, rest.offset, rest.length);
                } else {
                    channel.pauses.pause("feeder-before-write");
                    try {
                        channel.writeFrames(batch.segment, batch.offset, batch.length, batch.tail, batch.lengths,
                                batch.count, INTERRUPTIBLE, false);
                    } catch (InterruptedException e) {
                        // NOTE: thrown only while waiting, before the batch was published: its items
                        // will never be written, and are taken off the count like those still buffered.
                        for (int i = 0; i < batch.count; i++) {
                            channel.unreserve();
                        }
                        throw e;
                    }
                    batch.tail = null; // a held payload may be collected once written
                    batch.tailArray = null;
                }
                lock.lock();
                try {
                    // NOTE: only now, with the batch written, may its memory be reused or freed.
                    busy = false;
                    buffer.retire();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            // Only an interrupt of this thread ends its waits (a flush waits as long as billiard's
            // feeder joins); the items not yet written are lost.
            System.err.println("jbilliard: feeder of " + channel.name + " interrupted; buffered items are lost");
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
