package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;
import static org.jbilliard.reference.queue.Waits.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.jbilliard.QueueCorruptedException;
import org.jbilliard.reference.nativeio.LibC;

/**
 * The stream reader: takes one published frame at a time out of the FIFO, through the shared read
 * stage (or, for a frame longer than the stage, the {@link OverflowStage}).
 *
 * <p><b>Implementation note.</b> The read lock guards the reader state — {@code rSeq} (frames
 * consumed), {@code rPos} (bytes taken out of the FIFO), {@code rSeqlock} (odd while a
 * {@code read(2)} is in flight), {@code private} (where an over-stage frame is read) — and the
 * contents of the stage and the overflow stage. A reader takes a frame's length from its ring entry
 * once {@code wPub} has passed it, reads exactly that many bytes, checks them, and only then moves
 * {@code rSeq} and lowers {@code qsize}. Every wait ends at the caller's deadline: what was read of
 * a frame stays in the stage (recorded by {@code rPos}) for the next reader, so a reader never
 * waits past its deadline for a participant that is not running (see {@link #take}).
 *
 * <p><b>Thread-safety.</b> Thread-safe: {@link #take} takes the read lock (process-wide);
 * {@link #readBuffer} and the overflow mapping are only touched by its holder.
 */
final class StreamReader {

    private final ControlBlock cb;
    private final int fd;
    private final long me;
    private final int kind;
    private final String name;
    /** The read stage, a slice of the control block. */
    private final MemorySegment stage;
    private final OverflowStage overflow;
    private final StreamRepair repair;
    private final DeadParticipants dead;
    private final PausePoints pauses;
    /**
     * Scratch for frames being read in private memory, skipped frames' bytes, and staged frames of
     * at most {@link #SMALL_FRAME_BYTES}; only touched by the read lock holder. Never shorter than that.
     */
    private byte[] readBuffer = new byte[8192];
    /** Staged frames up to this length are copied out of the stage in one piece, through {@link #readBuffer}. */
    static final int SMALL_FRAME_BYTES = 4096;
    /** Finds the next intact frame after foreign bytes; used by the read lock holder. */
    private final FrameResync frameResync;

    StreamReader(ControlBlock cb, int fd, long me, int kind, String name, OverflowStage overflow,
                 StreamRepair repair, DeadParticipants dead, PausePoints pauses) {
        this.cb = cb;
        this.fd = fd;
        this.me = me;
        this.kind = kind;
        this.name = name;
        this.stage = cb.segment().asSlice(STAGE_OFFSET, STAGE_SIZE);
        this.overflow = overflow;
        this.repair = repair;
        this.dead = dead;
        this.pauses = pauses;
        this.frameResync = new FrameResync(cb, fd, stage, me, name, kind);
    }

    /**
     * Wakes every reader sleeping on an empty queue (of any process: the others re-check and sleep
     * again), so that a {@code close()} is noticed at once rather than after an {@link Waits#EMPTY_SLICE}.
     */
    void wakeBlockedReaders() {
        cb.futexWakeAll(W_PUB_OFFSET);
    }

    /** Marks a frame that did not arrive by the deadline and stays where it is for a later reader. */
    private static final byte[] OWED = new byte[0];

    /**
     * Takes one item's payload.
     *
     * <p>Every wait here ends at the deadline, whatever other participants do: a read lock held by a
     * reader that is not running, an item counted by a producer that has not published it yet, or a
     * frame whose writer stopped half-way. An item that is counted, so owed to whoever reads next,
     * gets {@link Waits#NOWAIT_GRACE_NANOS} even when the deadline is now (row 6); after that this call
     * gives up and the item stays in the stream for a later {@code take}. A frame whose first bytes
     * were already moved into the shared stage is left there: the next reader continues it.
     *
     * @param deadline when to give up ({@link SharedLock#NO_DEADLINE} for never)
     * @return the payload (a new array), or {@code null} if no item could be taken by the deadline
     * @throws QueueCorruptedException if the frame failed its checks (bytes discarded)
     */
    byte[] take(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        long owedDeadline = deadline;
        if (deadline != SharedLock.NO_DEADLINE) {
            long graceEnd = System.nanoTime() + NOWAIT_GRACE_NANOS;
            if (graceEnd - deadline > 0) {
                owedDeadline = graceEnd;
            }
        }
        int r = SharedLock.lock(cb, READ_LOCK_OFFSET, me, deadline, checkpoint);
        if (r == SharedLock.TIMED_OUT) {
            // NOTE: the holder takes counted items; a counted one is owed to us only until its
            // (extended) deadline, and never longer: the holder may not be running (row 6).
            if (owedDeadline == deadline || cb.getInt(QSIZE_OFFSET) <= 0) {
                return null;
            }
            r = SharedLock.lock(cb, READ_LOCK_OFFSET, me, owedDeadline, checkpoint);
            if (r == SharedLock.TIMED_OUT) {
                return null;
            }
        }
        boolean repaired = true;
        try {
            if (r == SharedLock.OWNER_DIED) {
                repaired = repair.repairDeadReader(owedDeadline);
                if (!repaired) {
                    return null;
                }
            }
            long owed = cb.getLong(R_RESYNC_OFFSET);
            byte[] payload = owed == 0 ? readUnderLock(deadline, owedDeadline, checkpoint)
                    : finishOwedResync(owed, owedDeadline);
            return payload == OWED ? null : payload;
        } finally {
            if (repaired) {
                SharedLock.unlock(cb, READ_LOCK_OFFSET);
            } else {
                // NOTE: the dead reader's state is not repaired yet: the lock goes back to a dead
                // owner, so that the next contender takes it over and repairs (see repairDeadReader).
                SharedLock.abandon(cb, READ_LOCK_OFFSET);
            }
        }
    }

    /**
     * Finishes the resynchronisation a reader before us left at its deadline
     * ({@link ControlBlockLayout#R_RESYNC_OFFSET}), before any frame is taken: until then the frames
     * from {@code rSeq} on cannot be read as they are. Holds the read lock.
     *
     * @return {@link #OWED} if it is still owed at the deadline (the writer it needs is still not
     *         running)
     * @throws QueueCorruptedException once it is done, saying what it discarded and lost
     */
    private byte[] finishOwedResync(long owed, long deadline) {
        if (owed < 0) {
            long[] dropped = repair.resync(deadline);
            if (dropped == null) {
                return OWED;
            }
            throw new QueueCorruptedException(name + ": dropped every published, unread frame after a corrupt frame"
                    + " (begun by an earlier get, which its deadline ended); discarded " + dropped[0] + " bytes ("
                    + dropped[1] + " items lost)");
        }
        QueueCorruptedException bad = frameResync.resume(cb.getInt(R_SEQ_OFFSET), owed - 1, deadline, repair::resync);
        if (bad == null) {
            return OWED;
        }
        throw bad;
    }

    /**
     * @return the payload, or {@code null}/{@link #OWED} if nothing could be taken by the deadlines
     */
    private byte[] readUnderLock(long deadline, long owedDeadline, SharedLock.Checkpoint checkpoint)
            throws InterruptedException {
        // NOTE: the spin budgets are made when first needed: a take that finds its frame staged
        // needs none (the children run C1 code, which allocates every object it is asked to).
        SpinBudget itemSpin = null;
        SpinBudget publicationSpin = null;
        while (true) {
            if (repair.requested()) {
                repair.serveRepairRequest(false);
            }
            int s = cb.getInt(R_SEQ_OFFSET);
            int pub = cb.getInt(W_PUB_OFFSET);
            if (pub - s > 0) {
                byte[] payload = readFrame(s, owedDeadline, checkpoint);
                if (payload != null) {
                    return payload;
                }
                continue;
            }
            int q = cb.getInt(QSIZE_OFFSET);
            long now = System.nanoTime();
            if (q <= 0) {
                if (deadline != SharedLock.NO_DEADLINE && now - deadline >= 0) {
                    return null;
                }
                if (itemSpin == null) {
                    itemSpin = new SpinBudget(SpinBudget.SHORT_NANOS);
                }
                if (itemSpin.spin()) {
                    continue;
                }
                pauses.pause("reader-waiting");
                long slice = deadline == SharedLock.NO_DEADLINE ? EMPTY_SLICE : Math.min(EMPTY_SLICE, deadline - now);
                // NOTE: an empty queue is waited on through wPub, not qsize: the item a put counts is
                // only readable once a writer publishes it, and the writer wakes publication waiters.
                // So put never makes a system call to wake readers, and a reader wakes once per item.
                cb.addInt(PUB_WAITERS_OFFSET, 1);
                try {
                    if (cb.getInt(W_PUB_OFFSET) == pub && cb.getLong(REPAIR_REQUEST_OFFSET) == 0) {
                        cb.futexWait(W_PUB_OFFSET, pub, slice);
                    }
                } finally {
                    cb.addInt(PUB_WAITERS_OFFSET, -1);
                }
                checkpoint.check();
                continue;
            }
            // Counted but not yet published: on its way from a producer, or its producer died (the
            // slot scan below then lowers qsize). Owed to us until the (extended) deadline only: the
            // producer may not be running, and the item then goes to a later reader (row 6).
            if (owedDeadline != SharedLock.NO_DEADLINE && now - owedDeadline >= 0) {
                dead.scanIfDue(SCAN_INTERVAL_NANOS);
                return null;
            }
            if (publicationSpin == null) {
                publicationSpin = new SpinBudget(SpinBudget.LONG_NANOS);
            }
            if (publicationSpin.spin()) {
                continue;
            }
            long slice = owedDeadline == SharedLock.NO_DEADLINE ? SLICE : Math.min(SLICE, owedDeadline - now);
            cb.addInt(PUB_WAITERS_OFFSET, 1);
            boolean woken;
            try {
                woken = cb.getInt(W_PUB_OFFSET) != s || cb.getLong(REPAIR_REQUEST_OFFSET) != 0
                        || cb.futexWait(W_PUB_OFFSET, s, slice);
            } finally {
                cb.addInt(PUB_WAITERS_OFFSET, -1);
            }
            if (!woken) {
                dead.scan();
            } else {
                dead.scanIfDue(SCAN_INTERVAL_NANOS);
            }
            checkpoint.check();
        }
    }

    /**
     * Takes the published frame {@code s}: moves its bytes (and, in the same {@code read}, as many
     * published bytes after it as the stage holds) out of the FIFO into the stage, or finishes a
     * frame longer than the stage in private memory. Returns its payload, or {@code null} if it was a
     * skipped frame (discarded), or {@link #OWED} if its bytes stopped coming before the deadline: the
     * part already read stays in the stage (rPos records it), and the next reader continues there.
     * Only a frame being finished in private memory cannot be left so; its rest is waited for.
     *
     * <p>The frame's ring entry and this reader's own state are read once: nothing but a repair
     * changes them while we hold the read lock, and the repairs served here (a writer's request, a
     * dead writer found by {@link StreamRepair#checkWriter}) say when they did; only then are they
     * read again.
     */
    private byte[] readFrame(int s, long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        long e = entry(s);
        long start = cb.getLong(e + ENTRY_START);
        int len = cb.getInt(e + ENTRY_LENGTH);
        boolean skip = (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) != 0;
        long rPos = cb.getLong(R_POS_OFFSET);
        int privateMode = cb.getInt(R_PRIVATE_OFFSET);
        boolean interrupted = false;
        SpinBudget spin = null; // made when first needed, as in readUnderLock
        long stalledSince = 0;
        while (rPos - start < len) {
            long got = rPos - start;
            MemorySegment into;
            long at;
            long want;
            if (len <= STAGE_SIZE && privateMode == PRIVATE_NONE) {
                // Read ahead: every published byte the stage can hold without overwriting this frame.
                at = rPos & STAGE_MASK;
                want = Math.min(Math.min(cb.getLong(W_PUB_BYTES_OFFSET) - rPos, start + STAGE_SIZE - rPos),
                        STAGE_SIZE - at);
                if (want <= 0) {
                    long[] dropped = repair.resync(deadline);
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    if (dropped == null) {
                        return OWED;
                    }
                    throw new QueueCorruptedException(name + ": frame " + s + " of " + len
                            + " bytes lies outside the published stream; discarded " + dropped[0]
                            + " bytes (" + dropped[1] + " items lost)");
                }
                into = stage;
            } else if (skip) {
                at = 0;
                want = Math.min(len - got, readBuffer.length);
                into = MemorySegment.ofArray(readBuffer);
            } else {
                if (privateMode == PRIVATE_NONE) {
                    privateMode = enterPrivate(start, got, len);
                }
                at = got;
                want = len - got;
                into = privateMode == PRIVATE_OVERFLOW ? overflow.mapping(len) : MemorySegment.ofArray(readBuffer);
            }
            if (pauses.splitFrames() && got == 0 && want > 4096) {
                want = 4096; // lets a test kill a reader with a frame half read
            }
            cb.addInt(R_SEQLOCK_OFFSET, 1);
            long n = LibC.read(fd, into, at, want);
            if (n > 0) {
                rPos += n;
                cb.setLong(R_POS_OFFSET, rPos);
            }
            cb.addInt(R_SEQLOCK_OFFSET, 1);
            if (n > 0) {
                wakeRoomWaiters(cb);
                if (spin != null) {
                    spin.reset();
                }
                stalledSince = 0;
                if (got + n < len) {
                    pauses.pause("reader-mid-frame");
                }
                continue;
            }
            // Nothing readable now. NOTE: what was read of this frame is in the shared stage (or was
            // discarded, for a skipped frame) unless private is set: only a private frame must be
            // finished by us; any other may be left to the next reader at an interrupt or deadline.
            boolean leavable = skip || privateMode != PRIVATE_HEAP;
            if (leavable) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                    interrupted = false;
                }
                checkpoint.check();
            } else if (Thread.interrupted()) {
                interrupted = true; // the frame is being finished in private memory: report later
            }
            long now = System.nanoTime();
            if (leavable && passed(deadline, now)) {
                return OWED;
            }
            if (spin == null) {
                spin = new SpinBudget(SpinBudget.LONG_NANOS);
            }
            if (spin.spin()) {
                continue;
            }
            if (stalledSince == 0) {
                stalledSince = now;
            }
            long wait = leavable ? slice(deadline, now, SLICE) : SLICE;
            LibC.poll(fd, LibC.POLLIN, (int) ((wait + 999_999) / 1_000_000));
            boolean repaired;
            if (repair.requested()) {
                repaired = repair.serveRepairRequest(false);
            } else if (System.nanoTime() - stalledSince >= SLICE) {
                stalledSince = System.nanoTime();
                repaired = repair.checkWriter();
            } else {
                repaired = false;
            }
            if (repaired) {
                if (cb.getInt(R_SEQ_OFFSET) != s) {
                    // NOTE: the repair dropped the published, unread frames, this one with them.
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }
                // NOTE: it may have shortened or flagged this frame (its writer died inside it).
                start = cb.getLong(e + ENTRY_START);
                len = cb.getInt(e + ENTRY_LENGTH);
                skip = (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) != 0;
                rPos = cb.getLong(R_POS_OFFSET);
                privateMode = cb.getInt(R_PRIVATE_OFFSET);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        boolean inPrivate = privateMode == PRIVATE_HEAP;
        if (skip) {
            cb.setInt(R_SEQ_OFFSET, s + 1);
            wakeRingWaiters(cb);
            cb.setInt(R_PRIVATE_OFFSET, 0);
            return null;
        }
        // NOTE: a staged frame is copied and checked before rSeq passes it: a reader killed before
        // that leaves the item in the stage for the next one.
        byte[] payload = null;
        String problem;
        if (len < FrameLayout.HEADER_SIZE) {
            problem = "frame of " + len + " bytes is shorter than its header";
        } else if (inPrivate) {
            problem = FrameLayout.verify(readBuffer, len);
            if (problem == null) {
                payload = Arrays.copyOfRange(readBuffer, FrameLayout.HEADER_SIZE, len);
            }
        } else if (privateMode == PRIVATE_OVERFLOW) {
            MemorySegment frame = overflow.mapping(len);
            byte[] header = new byte[FrameLayout.HEADER_SIZE];
            payload = new byte[len - FrameLayout.HEADER_SIZE];
            MemorySegment.copy(frame, ValueLayout.JAVA_BYTE, 0, header, 0, header.length);
            MemorySegment.copy(frame, ValueLayout.JAVA_BYTE, FrameLayout.HEADER_SIZE, payload, 0, payload.length);
            problem = FrameLayout.verify(header, payload);
        } else if (len <= SMALL_FRAME_BYTES) {
            // One copy out of the shared stage for the whole frame, into this reader's scratch (the
            // payload is then a heap-to-heap copy): in the C1-compiled children each MemorySegment
            // copy to an array costs far more than its bytes (a native call and a reflective length
            // check), and most frames are small.
            copyFromStage(start, readBuffer, 0, len);
            problem = FrameLayout.verify(readBuffer, len);
            if (problem == null) {
                payload = Arrays.copyOfRange(readBuffer, FrameLayout.HEADER_SIZE, len);
            }
        } else {
            byte[] header = new byte[FrameLayout.HEADER_SIZE];
            payload = new byte[len - FrameLayout.HEADER_SIZE];
            copyFromStage(start, header, 0, header.length);
            copyFromStage(start + FrameLayout.HEADER_SIZE, payload, 0, payload.length);
            problem = FrameLayout.verify(header, payload);
        }
        if (problem != null) {
            // Foreign bytes in the stream: nothing of this frame is counted yet (see FrameResync). A
            // frame read outside the stage (heap or overflow) has none of its bytes in the stage.
            QueueCorruptedException bad = frameResync.afterBadFrame(s, privateMode != PRIVATE_NONE, problem,
                    deadline, repair::resync);
            if (privateMode == PRIVATE_OVERFLOW) {
                overflow.finished();
            }
            if (bad == null) {
                return OWED; // the resynchronisation is owed to the next reader
            }
            throw bad;
        }
        // NOTE: rSeq moves only after rPos reached the frame's end, and qsize right after rSeq: a
        // reader killed in between leaves one item counted that is gone (see Known limits).
        cb.setInt(R_SEQ_OFFSET, s + 1);
        wakeRingWaiters(cb);
        Counters.addQsize(cb, -1);
        if (privateMode == PRIVATE_OVERFLOW) {
            cb.setInt(R_PRIVATE_OFFSET, PRIVATE_NONE);
            overflow.finished();
        } else if (inPrivate) {
            cb.setInt(R_PRIVATE_OFFSET, PRIVATE_NONE);
            if (readBuffer.length > (1 << 20)) {
                readBuffer = new byte[8192]; // do not keep a huge frame's buffer alive
            }
        }
        wakeSpaceWaiters(cb);
        return payload;
    }

    /**
     * Switches to reading a frame longer than the stage elsewhere: into the shared
     * {@link OverflowStage} if its space can be reserved (the frame then survives this reader), or
     * else into {@link #readBuffer}. Copies the part already staged there, then records the mode in
     * the reader state.
     *
     * @return the mode: {@link ControlBlockLayout#PRIVATE_OVERFLOW} or {@link ControlBlockLayout#PRIVATE_HEAP}
     */
    private int enterPrivate(long start, long staged, int len) {
        MemorySegment shared = overflow.reserve(len);
        if (shared != null) {
            if (staged > 0) {
                copyFromStage(start, shared, (int) staged);
            }
            // NOTE: set after the copy, as below.
            cb.setInt(R_PRIVATE_OFFSET, PRIVATE_OVERFLOW);
            return PRIVATE_OVERFLOW;
        }
        if (readBuffer.length < len) {
            readBuffer = new byte[Math.max(len, readBuffer.length * 2)];
        }
        if (staged > 0) {
            copyFromStage(start, readBuffer, 0, (int) staged);
        }
        // NOTE: set after the copy: until then the staged prefix is still the shared copy, and a
        // reader killed meanwhile leaves the frame whole for the next one.
        cb.setInt(R_PRIVATE_OFFSET, PRIVATE_HEAP);
        return PRIVATE_HEAP;
    }

    /** Copies stream bytes {@code [from, from + length)} out of the stage to the start of {@code to}. */
    private void copyFromStage(long from, MemorySegment to, int length) {
        int at = (int) (from & STAGE_MASK);
        int first = Math.min(length, STAGE_SIZE - at);
        MemorySegment.copy(stage, at, to, 0, first);
        if (first < length) {
            MemorySegment.copy(stage, 0, to, first, length - first);
        }
    }

    /** Copies stream bytes {@code [from, from + length)} out of the stage (which wraps around). */
    private void copyFromStage(long from, byte[] to, int offset, int length) {
        int at = (int) (from & STAGE_MASK);
        int first = Math.min(length, STAGE_SIZE - at);
        MemorySegment.copy(stage, ValueLayout.JAVA_BYTE, at, to, offset, first);
        if (first < length) {
            MemorySegment.copy(stage, ValueLayout.JAVA_BYTE, 0, to, offset + first, length - first);
        }
    }
}
