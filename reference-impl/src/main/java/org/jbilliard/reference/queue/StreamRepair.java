package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;
import static org.jbilliard.reference.queue.Waits.*;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;
import org.jbilliard.reference.nativeio.LibC;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * The repair protocol: finishing or undoing exactly what a killed reader or writer left, so that the
 * stream never desynchronises (see the package documentation for the whole protocol).
 *
 * <p><b>Implementation note.</b> The repairs change the writer state ({@code wPos}, {@code wSeqlock},
 * {@code wPubBytes}, ring entries of the torn batch) and the reader state ({@code rSeq}, {@code rPos},
 * {@code rSeqlock}, {@code private}), which the write and read locks guard; so every repair step
 * runs holding the read lock, and the write lock or the word of a writer that holds it and waits
 * (the repair request, {@link ControlBlockLayout#REPAIR_REQUEST_OFFSET}, which names that writer:
 * it is served only while the requester owns the write lock). Each step below states the locks it
 * holds and asserts them (with {@code -ea}), and the state it expects, like Agrona's
 * {@code ManyToOneRingBuffer.unblock()}:
 * <ul>
 * <li>{@link #repairAsWriter} — write lock taken over from a dead writer; takes the read lock or
 * asks its holder.</li>
 * <li>{@link #serveRepairRequest} — read lock; the write lock's owner is the requester.</li>
 * <li>{@link #checkWriter} — read lock; a published frame stalls: takes a dead writer's lock over.</li>
 * <li>{@link #repairDeadReader} — read lock taken over from a dead reader.</li>
 * <li>{@link #repairUnderBothLocks} — both locks (or read lock + a waiting requester).</li>
 * <li>{@link #resync} — read lock; takes the write lock and drops everything unread.</li>
 * </ul>
 *
 * <p><b>Thread-safety.</b> Not thread-safe on its own: each method is called by the thread that holds
 * the locks it states.
 */
final class StreamRepair {

    private static final int SPINS = 2000;

    private final ControlBlock cb;
    private final int fd;
    private final long me;
    private final int kind;
    /** Scratch for drained bytes; only touched under the read lock. */
    private final byte[] scratch = new byte[64 * 1024];

    StreamRepair(ControlBlock cb, int fd, long me, int kind) {
        this.cb = cb;
        this.fd = fd;
        this.me = me;
        this.kind = kind;
    }

    private boolean holdsRead() {
        return SharedLock.owner(cb, READ_LOCK_OFFSET) == me;
    }

    private boolean holdsWrite() {
        return SharedLock.owner(cb, WRITE_LOCK_OFFSET) == me;
    }

    /**
     * The read lock, and the write lock or a writer that owns it and waits for this repair (its
     * request names it), which writes nothing meanwhile.
     */
    private boolean holdsBoth() {
        long writer = SharedLock.owner(cb, WRITE_LOCK_OFFSET);
        return holdsRead() && (writer == me || (writer != 0 && writer == cb.getLong(REPAIR_REQUEST_OFFSET)));
    }

    /** We stole the write lock from a dead writer: get its half-written batch repaired. */
    void repairAsWriter() {
        assert holdsWrite() : "repairAsWriter without the write lock";
        while (true) {
            int r = SharedLock.tryLock(cb, READ_LOCK_OFFSET, me);
            if (r != SharedLock.TIMED_OUT) {
                try {
                    repairUnderBothLocks(r == SharedLock.OWNER_DIED, true);
                } finally {
                    SharedLock.unlock(cb, READ_LOCK_OFFSET);
                }
                return;
            }
            // A live reader holds the read lock: it performs the repair on our behalf, and only
            // while we own the write lock (the request names us).
            cb.setLong(REPAIR_REQUEST_OFFSET, me);
            cb.futexWakeAll(QSIZE_OFFSET);
            cb.futexWakeAll(W_PUB_OFFSET);
            cb.futexWait(REPAIR_REQUEST_OFFSET, (int) me, SLICE);
            if (cb.getLong(REPAIR_REQUEST_OFFSET) != me) {
                return;
            }
        }
    }

    /** The frame being read is stalled: if its writer died, repair; if no writer exists, resync. */
    void checkWriter() {
        assert holdsRead() : "checkWriter without the read lock";
        long owner = SharedLock.owner(cb, WRITE_LOCK_OFFSET);
        if (owner == 0 || owner == me || ProcessIdentity.isAlive(owner)) {
            if (owner == 0 && LibC.fionread(fd) == 0) {
                // Published bytes are missing and nobody is writing them: should not happen; the
                // accounting repair below finds out what did.
                int r = SharedLock.tryLock(cb, WRITE_LOCK_OFFSET, me);
                if (r != SharedLock.TIMED_OUT) {
                    try {
                        repairUnderBothLocks(false, r == SharedLock.OWNER_DIED);
                    } finally {
                        SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
                    }
                }
            }
            return;
        }
        if (cb.casLong(WRITE_LOCK_OFFSET, owner, me)) {
            try {
                repairUnderBothLocks(false, true);
            } finally {
                SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
            }
        }
    }

    /**
     * A writer asked the read lock holder (us) to repair a dead writer. Served only while the write
     * lock's owner is the requester: a requester that died after asking left a stale request (its
     * own dead lock is repaired by whoever takes it over), which is only cleared.
     *
     * @return whether the repair was done (so the reader state is repaired too if {@code readerDead})
     */
    boolean serveRepairRequest(boolean readerDead) {
        assert holdsRead() : "serving a repair request without the read lock";
        long requester = cb.getLong(REPAIR_REQUEST_OFFSET);
        if (requester == 0) {
            return false;
        }
        boolean serve = requester == SharedLock.owner(cb, WRITE_LOCK_OFFSET);
        if (serve) {
            repairUnderBothLocks(readerDead, true);
        }
        clearRepairRequest(requester);
        return serve;
    }

    /** Withdraws the repair request of {@code requester} (if it is still the one raised). */
    private void clearRepairRequest(long requester) {
        if (requester != 0 && cb.casLong(REPAIR_REQUEST_OFFSET, requester, 0)) {
            cb.futexWakeAll(REPAIR_REQUEST_OFFSET);
        }
    }

    /**
     * We took the read lock from a dead reader: find out how far it read and complete its frame.
     * That needs the writer side still for a moment (its seqlock even), which a writer that is not
     * running may not give before the deadline: then nothing is changed and the caller hands the
     * lock back to a dead owner, so that the next contender takes it over and repairs.
     *
     * @return {@code true} if repaired, {@code false} if the deadline came first
     */
    boolean repairDeadReader(long deadline) {
        assert holdsRead() : "repairing a dead reader without the read lock";
        int spins = 0;
        while (true) {
            if (cb.getLong(REPAIR_REQUEST_OFFSET) != 0 && serveRepairRequest(true)) {
                return true;
            }
            int r = SharedLock.tryLock(cb, WRITE_LOCK_OFFSET, me);
            if (r != SharedLock.TIMED_OUT) {
                try {
                    repairUnderBothLocks(true, r == SharedLock.OWNER_DIED);
                } finally {
                    SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
                }
                return true;
            }
            // A live writer: snapshot its position around FIONREAD (seqlock even and unchanged).
            int s1 = cb.getInt(W_SEQLOCK_OFFSET);
            if ((s1 & 1) == 0) {
                long wPos = cb.getLong(W_POS_OFFSET);
                int available = LibC.fionread(fd);
                if (cb.getInt(W_SEQLOCK_OFFSET) == s1) {
                    fixDeadReader(wPos - available);
                    return true;
                }
            }
            if (deadline != SharedLock.NO_DEADLINE && System.nanoTime() - deadline >= 0) {
                return false;
            }
            if (spins++ > SPINS) {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /**
     * The repair core; the caller holds the read lock and the write lock (or a live writer holding
     * the write lock waits for this repair and writes nothing meanwhile).
     */
    void repairUnderBothLocks(boolean readerDead, boolean writerDead) {
        assert holdsBoth() : "repair without both locks (or a waiting requester owning the write lock)";
        try {
            repairPositions(readerDead, writerDead);
        } finally {
            if (writerDead) {
                // NOTE: the dead writer is repaired: a request it (or an earlier dead writer) raised
                // is void now, and so is ours if we raised one. One raised by the live owner we
                // repair for is cleared by serveRepairRequest.
                long requester = cb.getLong(REPAIR_REQUEST_OFFSET);
                if (requester == me || (requester != 0 && requester != SharedLock.owner(cb, WRITE_LOCK_OFFSET))) {
                    clearRepairRequest(requester);
                }
            }
        }
    }

    private void repairPositions(boolean readerDead, boolean writerDead) {
        int rs = cb.getInt(R_SEQLOCK_OFFSET);
        int ws = cb.getInt(W_SEQLOCK_OFFSET);
        boolean readerExact = !readerDead || (rs & 1) == 0;
        boolean writerExact = !writerDead || (ws & 1) == 0;
        long available = LibC.fionread(fd);
        long rPos = cb.getLong(R_POS_OFFSET);
        long wPos = cb.getLong(W_POS_OFFSET);
        if (readerExact && writerExact) {
            if (wPos - rPos != available) {
                resyncUnderBothLocks();
                return;
            }
        } else if (readerExact) {
            wPos = rPos + available;
        } else if (writerExact) {
            rPos = wPos - available;
        } else {
            resyncUnderBothLocks();
            return;
        }
        if ((rs & 1) != 0) {
            cb.addInt(R_SEQLOCK_OFFSET, 1);
        }
        if ((ws & 1) != 0) {
            cb.addInt(W_SEQLOCK_OFFSET, 1);
        }
        cb.setLong(W_POS_OFFSET, wPos);
        if (writerDead) {
            fixTornBatch(wPos);
        }
        if (readerDead) {
            fixDeadReader(rPos);
        }
    }

    /** Shortens/flags the frames of a dead writer's batch that did not fully reach the FIFO. */
    private void fixTornBatch(long written) {
        assert holdsBoth() : "torn batch repair without both locks";
        assert cb.getInt(W_PUB_OFFSET) - cb.getInt(R_SEQ_OFFSET) >= 0 : "more frames consumed than published";
        assert (cb.getInt(W_SEQLOCK_OFFSET) & 1) == 0 : "writer seqlock still odd: wPos not settled";
        int pub = cb.getInt(W_PUB_OFFSET);
        int rSeq = cb.getInt(R_SEQ_OFFSET);
        int lost = 0;
        for (int seq = pub - 1; seq - rSeq >= 0; seq--) {
            long e = entry(seq);
            long start = cb.getLong(e + ENTRY_START);
            int len = cb.getInt(e + ENTRY_LENGTH);
            if (start + len <= written) {
                break;
            }
            boolean wasItem = (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) == 0;
            if (start >= written) {
                cb.setLong(e + ENTRY_START, written);
                cb.setInt(e + ENTRY_LENGTH, 0);
            } else {
                cb.setInt(e + ENTRY_LENGTH, (int) (written - start));
            }
            cb.setInt(e + ENTRY_FLAGS, FLAG_SKIP);
            if (wasItem) {
                lost++;
            }
        }
        cb.setLong(W_PUB_BYTES_OFFSET, written);
        Counters.forget(cb, kind, lost);
    }

    /**
     * Completes the state a dead reader left, given how far it really read. Bytes it moved into the
     * stage or the overflow stage are still there for the next reader; only a frame it was finishing
     * in private memory (no room for the overflow stage) is lost with it.
     */
    private void fixDeadReader(long read) {
        assert holdsRead() : "dead reader repair without the read lock";
        cb.setLong(R_POS_OFFSET, read);
        int rs = cb.getInt(R_SEQLOCK_OFFSET);
        if ((rs & 1) != 0) {
            cb.addInt(R_SEQLOCK_OFFSET, 1);
        }
        if (cb.getInt(R_PRIVATE_OFFSET) == PRIVATE_OVERFLOW) {
            return; // what it read of its frame is in the overflow stage: the next reader continues it
        }
        boolean wasPrivate = cb.getInt(R_PRIVATE_OFFSET) != PRIVATE_NONE;
        cb.setInt(R_PRIVATE_OFFSET, PRIVATE_NONE);
        int s = cb.getInt(R_SEQ_OFFSET);
        if (!wasPrivate || cb.getInt(W_PUB_OFFSET) - s <= 0) {
            return;
        }
        long e = entry(s);
        long consumed = read - cb.getLong(e + ENTRY_START);
        if (consumed <= 0) {
            return;
        }
        boolean wasItem = (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) == 0;
        if (consumed >= cb.getInt(e + ENTRY_LENGTH)) {
            cb.setInt(R_SEQ_OFFSET, s + 1);
            wakeRingWaiters(cb);
        } else {
            cb.setInt(e + ENTRY_FLAGS, FLAG_SKIP);
        }
        if (wasItem) {
            // The item died with its consumer; it stays unfinished for a joinable queue (row 22).
            cb.addInt(QSIZE_OFFSET, -1);
            wakeSpaceWaiters(cb);
        }
    }

    /**
     * Called with the read lock held after a corrupt frame: takes the write lock (draining the FIFO
     * meanwhile so that a writer blocked on a full FIFO can finish) and drops everything unread.
     *
     * @return {bytes discarded, items lost}
     */
    long[] resync() {
        assert holdsRead() : "resync without the read lock";
        long drained = 0;
        while (true) {
            drained += drain();
            if (cb.getLong(REPAIR_REQUEST_OFFSET) != 0) {
                // the write lock's holder waits for us to repair its dead predecessor
                serveRepairRequest(false);
            }
            int r = SharedLock.tryLock(cb, WRITE_LOCK_OFFSET, me);
            if (r != SharedLock.TIMED_OUT) {
                try {
                    long[] result = resyncUnderBothLocks();
                    result[0] += drained;
                    return result;
                } finally {
                    SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
                }
            }
            LibC.poll(fd, LibC.POLLIN, 1);
        }
    }

    /** Drains the FIFO and forgets every published, unread frame; both locks held. */
    private long[] resyncUnderBothLocks() {
        assert holdsBoth() : "resync without both locks";
        long drained = drain();
        int pub = cb.getInt(W_PUB_OFFSET);
        int lost = 0;
        for (int seq = cb.getInt(R_SEQ_OFFSET); pub - seq > 0; seq++) {
            if ((cb.getInt(entry(seq) + ENTRY_FLAGS) & FLAG_SKIP) == 0) {
                lost++;
            }
        }
        long pos = cb.getLong(W_PUB_BYTES_OFFSET);
        cb.setInt(R_SEQ_OFFSET, pub);
        wakeRingWaiters(cb);
        cb.setLong(R_POS_OFFSET, pos);
        cb.setInt(R_PRIVATE_OFFSET, 0);
        cb.setLong(W_POS_OFFSET, pos);
        if ((cb.getInt(R_SEQLOCK_OFFSET) & 1) != 0) {
            cb.addInt(R_SEQLOCK_OFFSET, 1);
        }
        if ((cb.getInt(W_SEQLOCK_OFFSET) & 1) != 0) {
            cb.addInt(W_SEQLOCK_OFFSET, 1);
        }
        Counters.forget(cb, kind, lost);
        return new long[] {drained, lost};
    }

    private long drain() {
        long total = 0;
        MemorySegment buf = MemorySegment.ofArray(scratch);
        while (true) {
            long n = LibC.read(fd, buf, 0, scratch.length);
            if (n <= 0) {
                return total;
            }
            total += n;
        }
    }
}
