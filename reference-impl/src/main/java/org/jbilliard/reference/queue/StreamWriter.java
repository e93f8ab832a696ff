package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;
import static org.jbilliard.reference.queue.Waits.*;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;
import org.jbilliard.reference.nativeio.LibC;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * The stream writer: publishes frames in the ring and writes their bytes into the FIFO.
 *
 * <p><b>Implementation note.</b> The write lock guards the writer state — {@code wPub} (frames
 * published), {@code wPubBytes} (their stream end), {@code wPos} (bytes written) and
 * {@code wSeqlock} (odd while a {@code write(2)} is in flight) — and the ring entries from
 * {@code wPub} on. Publication rule: a writer fills the entries, lowers its slot's {@code pending},
 * stores {@code wPub} (the publication point) and only then writes the bytes, recording {@code wPos}
 * after every write, so a repair after its death knows how far it got. It reads the reader's
 * {@code rSeq}, {@code rPos} and {@code rSeqlock} to wait for ring entries and FIFO room, and never
 * writes them (except through {@link StreamRepair} holding both locks).
 *
 * <p><b>Thread-safety.</b> Thread-safe: every method takes the write lock (process-wide), except that
 * {@link #finishWrite} completes a write whose lock {@link #tryWriteNow} left held by this process.
 */
final class StreamWriter {

    /** A frame longer than this is never written from the caller (see {@link #tryWriteNow}): PIPE_BUF. */
    static final int ATOMIC_WRITE_BYTES = 4096;
    /** How often a writer re-checks for ring room while the readers are consuming; see {@link #awaitRingRoom}. */
    static final long RING_POLL_NANOS = 1_000_000;
    /** Pipe pages that partly filled buffers may leave unusable, in bytes; see {@link #awaitRoom}. */
    private static final int ROOM_MARGIN = 3 * 4096;

    private final ControlBlock cb;
    private final int fd;
    private final long me;
    private final long slotOffset;
    private final int pipeSize;
    private final StreamRepair repair;
    private final PausePoints pauses;
    /** The lengths array of a one-frame publication; only touched by the write lock holder. */
    private final int[] lengthOfOne = new int[1];

    StreamWriter(ControlBlock cb, int fd, long me, long slotOffset, int pipeSize, StreamRepair repair,
                 PausePoints pauses) {
        this.cb = cb;
        this.fd = fd;
        this.me = me;
        this.slotOffset = slotOffset;
        this.pipeSize = pipeSize;
        this.repair = repair;
        this.pauses = pauses;
    }

    /**
     * Publishes and writes {@code count} frames held back to back in {@code src}, {@code length} bytes
     * from {@code offset} (native memory or a heap array: {@code write(2)} takes either without a
     * copy). Takes the write lock (repairing after a dead holder), fills the ring entries, moves the
     * items from this slot's pending count to the ring, publishes, writes, and releases the lock.
     *
     * @param lengths    the frame lengths (the first {@code count} are used)
     * @param checkpoint run between the slices of every wait here — for the write lock, for the repair
     *                   of a dead predecessor by a reader, for FIFO room and ring entries — and may
     *                   throw to give up before publishing
     * @param roomWait   if true, wait (with the checkpoint) for FIFO room for the whole batch before
     *                   publishing, so that an interrupt never leaves a frame half written
     */
    void writeFrames(MemorySegment src, long offset, int length, int[] lengths, int count,
                     SharedLock.Checkpoint checkpoint, boolean roomWait) throws InterruptedException {
        writeFrames(src, offset, length, null, lengths, count, checkpoint, roomWait);
    }

    /**
     * As {@link #writeFrames(MemorySegment, long, int, int[], int, SharedLock.Checkpoint, boolean)},
     * with the batch's bytes in two pieces: {@code length} bytes of {@code src} from {@code offset},
     * then all of {@code tail} (if not {@code null}), e.g. a frame's header in native memory and its
     * payload in the codec's heap array, written without first copying them together. The frames
     * are published before either piece is written, as always; a repair sees the same stream
     * positions as for one piece.
     */
    void writeFrames(MemorySegment src, long offset, int length, MemorySegment tail, int[] lengths, int count,
                     SharedLock.Checkpoint checkpoint, boolean roomWait) throws InterruptedException {
        long total = length + (tail == null ? 0 : tail.byteSize());
        int r = SharedLock.lock(cb, WRITE_LOCK_OFFSET, me, SharedLock.NO_DEADLINE, checkpoint);
        boolean repaired = r != SharedLock.OWNER_DIED;
        try {
            if (!repaired) {
                repair.repairAsWriter(checkpoint);
                repaired = true;
            }
            if (roomWait && total <= pipeSize) {
                awaitRoom((int) total, checkpoint);
            }
            awaitRingRoom(count, checkpoint);
            pauses.pause("writer-locked");
            publish(lengths, count);
            writeBytes(src, offset, length);
            if (tail != null) {
                writeBytes(tail, 0, (int) tail.byteSize());
            }
        } finally {
            if (repaired) {
                SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
            } else {
                // NOTE: the dead writer's batch is not repaired (the checkpoint ended the wait): the
                // lock goes back to a dead owner, so that the next writer takes it over and repairs.
                SharedLock.abandon(cb, WRITE_LOCK_OFFSET);
            }
        }
    }

    /**
     * Fills the ring entries of {@code count} frames, moves them from this slot's pending count to
     * the ring and publishes them. The caller holds the write lock and has checked ring room.
     */
    private void publish(int[] lengths, int count) {
        int pub = cb.getInt(W_PUB_OFFSET);
        long pos = cb.getLong(W_PUB_BYTES_OFFSET);
        // NOTE: plain stores suffice for the entries: the volatile store of wPub below publishes them.
        for (int i = 0; i < count; i++) {
            long e = entry(pub + i);
            cb.setLongPlain(e + ENTRY_START, pos);
            cb.setIntPlain(e + ENTRY_LENGTH, lengths[i]);
            cb.setIntPlain(e + ENTRY_FLAGS, 0);
            pos += lengths[i];
        }
        // NOTE: pending is lowered before the publication point: a kill in between over-counts.
        Counters.addPending(cb, slotOffset, -count);
        cb.setLong(W_PUB_BYTES_OFFSET, pos);
        cb.setInt(W_PUB_OFFSET, pub + count); // publication point
        // NOTE: readers are woken by the writer after its first write(), see wakePublicationWaiters.
    }

    /** Writes {@code length} bytes of published frames, recording wPos after every write. Holds the write lock. */
    private void writeBytes(MemorySegment src, long offset, int length) {
        boolean woken = false;
        int done = 0;
        SpinBudget spin = new SpinBudget(SpinBudget.SHORT_NANOS);
        while (done < length) {
            int chunk = length - done;
            if (pauses.splitFrames() && chunk > 4096 && done == 0) {
                chunk = 4096; // lets a test kill a writer with a frame half written
            }
            long n = writeOnce(src, offset + done, chunk);
            if (!woken) {
                woken = true;
                wakePublicationWaiters(cb);
            }
            if (n > 0) {
                done += (int) n;
                spin.reset();
                if (done < length) {
                    pauses.pause("writer-mid-frame");
                }
            } else if (!spin.spin()) {
                LibC.poll(fd, LibC.POLLOUT, (int) (SLICE / 1_000_000));
            }
        }
    }

    /**
     * One {@code write(2)} of published bytes, bracketed by the writer's seqlock and recorded in
     * {@code wPos}, so that a repair after this writer's death knows how far it got.
     *
     * @return bytes written, or {@code -EAGAIN} (FIFO full) / {@code -EINTR}
     */
    private long writeOnce(MemorySegment src, long offset, long length) {
        cb.addInt(W_SEQLOCK_OFFSET, 1);
        long n = LibC.write(fd, src, offset, length);
        if (n > 0) {
            cb.setLong(W_POS_OFFSET, cb.getLong(W_POS_OFFSET) + n);
        }
        cb.addInt(W_SEQLOCK_OFFSET, 1);
        return n;
    }

    /** {@link #tryWriteNow} wrote nothing and published nothing: the write lock or the ring was busy. */
    static final int NOT_WRITTEN = -1;

    /**
     * Publishes and writes one small frame from the calling thread if that needs no waiting at all:
     * the write lock is free (not merely held by a dead owner, whose repair may wait), the ring has
     * room, and one non-blocking {@code write} takes the frame. Keeps the publication protocol of
     * {@link #writeFrames}: ring entry, pending, wPub, then the write.
     *
     * @param length the frame's length; at most {@link #ATOMIC_WRITE_BYTES}, which a pipe writes
     *               whole or not at all
     * @return {@code 0} if the frame is published and written (the lock is released);
     *         {@link #NOT_WRITTEN}; or, if the FIFO had no room, the number of bytes of the published
     *         frame still to write: the write lock then stays held by this process, and the caller
     *         must have them written with {@link #finishWrite}
     */
    int tryWriteNow(MemorySegment src, long offset, int length) {
        if (!SharedLock.tryLockFree(cb, WRITE_LOCK_OFFSET, me)) {
            return NOT_WRITTEN;
        }
        boolean handedOver = false;
        try {
            if (cb.getInt(W_PUB_OFFSET) + 1 - cb.getInt(R_SEQ_OFFSET) > RING_CAPACITY) {
                return NOT_WRITTEN;
            }
            pauses.pause("writer-locked");
            lengthOfOne[0] = length;
            publish(lengthOfOne, 1);
            int done = 0;
            while (done < length) {
                long n = writeOnce(src, offset + done, length - done);
                if (done == 0) {
                    wakePublicationWaiters(cb);
                }
                if (n > 0) {
                    done += (int) n;
                } else if (n != -LibC.EINTR) {
                    // NOTE: published but not (wholly) written: the lock must stay held until the rest
                    // is written, or another writer's bytes would land inside this frame.
                    handedOver = true;
                    return length - done;
                }
            }
            return 0;
        } finally {
            if (!handedOver) {
                SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
            }
        }
    }

    /**
     * Writes the rest of a frame that {@link #tryWriteNow} published but could not write, then
     * releases the write lock it left held. May be called from any thread of this process.
     */
    void finishWrite(MemorySegment src, long offset, int length) {
        try {
            writeBytes(src, offset, length);
        } finally {
            SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
        }
    }

    /**
     * Waits until the FIFO has room for {@code length} bytes. ({@code poll} cannot wait for this: it
     * reports POLLOUT as soon as one page is free.) Sleeps on the reader's seqlock, which every
     * {@code read} moves; readers wake room waiters after each read, and the slice bounds the wait
     * for a reader that is gone or outside the protocol.
     */
    private void awaitRoom(int length, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        // Without a system call first: the FIFO holds wPos - rPos bytes of the protocol (an
        // over-estimate while a read is in flight). The margin covers pipe pages that a partly read
        // head or a partly filled tail leave unusable. Bytes written from outside the protocol could
        // make this wrong; the write loop then waits for room instead (correct, but uninterruptible).
        if (cb.getLong(W_POS_OFFSET) - cb.getLong(R_POS_OFFSET) + length + ROOM_MARGIN <= pipeSize) {
            return;
        }
        while (true) {
            // NOTE: the seqlock is read before FIONREAD: a read in between changes it, so the
            // futex below does not sleep past the room that read made.
            int readProgress = cb.getInt(R_SEQLOCK_OFFSET);
            if (pipeSize - LibC.fionread(fd) >= length) {
                return;
            }
            cb.addInt(ROOM_WAITERS_OFFSET, 1);
            try {
                cb.futexWait(R_SEQLOCK_OFFSET, readProgress, SLICE);
            } finally {
                cb.addInt(ROOM_WAITERS_OFFSET, -1);
            }
            checkpoint.check();
        }
    }

    /**
     * Waits until the ring has entries for {@code count} more frames, that is until readers have
     * consumed enough of the {@link ControlBlockLayout#RING_CAPACITY} frames published and unread.
     * Holds the write lock. While the readers are consuming, re-checks every
     * {@link #RING_POLL_NANOS} without registering as a ring waiter: registered, it would make every
     * reader's {@code rSeq} step a {@code futex} wake-up (a system call per item, and a wake-up of
     * this thread per item, which the profile of a small-int stream showed as the reader's main
     * cost), although a batch needs thousands of entries. Once a whole interval passes without
     * progress it sleeps on {@code rSeq} as a registered waiter (slices of {@link Waits#SLICE}), so a
     * reader that comes back wakes it at its first item, and an idle reader costs no polling. Runs the
     * checkpoint between waits, and takes the read lock over from a dead holder (repairing its state,
     * which the write lock we hold lets us do alone), so that a dead reader does not keep the ring
     * full until another reader comes.
     */
    private void awaitRingRoom(int count, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        int seen = cb.getInt(R_SEQ_OFFSET);
        while (true) {
            int rSeq = cb.getInt(R_SEQ_OFFSET);
            if (cb.getInt(W_PUB_OFFSET) + count - rSeq <= RING_CAPACITY) {
                return;
            }
            boolean progressing = rSeq != seen;
            seen = rSeq;
            if (progressing) {
                // NOTE: the readers are moving: they will have made room in a few intervals, and
                // nobody needs to wake us. Not a busy loop: one check per interval.
                LockSupport.parkNanos(RING_POLL_NANOS);
            } else {
                cb.addInt(RING_WAITERS_OFFSET, 1);
                try {
                    // NOTE: the count is raised before rSeq is compared again (by the futex); a reader
                    // moves rSeq before it reads the count: one of us sees the other.
                    if (cb.getInt(R_SEQ_OFFSET) == rSeq) {
                        cb.futexWait(R_SEQ_OFFSET, rSeq, SLICE);
                    }
                } finally {
                    cb.addInt(RING_WAITERS_OFFSET, -1);
                }
            }
            checkpoint.check();
            long reader = SharedLock.owner(cb, READ_LOCK_OFFSET);
            if (cb.getInt(R_SEQ_OFFSET) == rSeq && reader != 0 && reader != me && !ProcessIdentity.isAlive(reader)
                    && SharedLock.tryLock(cb, READ_LOCK_OFFSET, me) == SharedLock.OWNER_DIED) {
                try {
                    repair.repairUnderBothLocks(true, false);
                } finally {
                    SharedLock.unlock(cb, READ_LOCK_OFFSET);
                }
            }
        }
    }
}
