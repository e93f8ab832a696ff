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
 * asks its holder, waiting in slices that run the caller's checkpoint and look at the holder's
 * liveness.</li>
 * <li>{@link #serveRepairRequest} — read lock, no {@code read(2)} in flight; the write lock's owner
 * is the requester.</li>
 * <li>{@link #checkWriter} — read lock, no {@code read(2)} in flight; a published frame stalls: takes
 * a dead writer's lock over.</li>
 * <li>{@link #repairDeadReader} — read lock taken over from a dead reader.</li>
 * <li>{@link #repairUnderBothLocks} — both locks (or read lock + a waiting requester).</li>
 * <li>{@link #resync} — read lock, no {@code read(2)} in flight; takes the write lock by the caller's
 * deadline and drops everything unread, or leaves the drop owed to the next reader
 * ({@link ControlBlockLayout#R_RESYNC_OFFSET}).</li>
 * </ul>
 * The steps a live reader serves report whether they changed what it had read (its frame's ring
 * entry, {@code rSeq}, {@code rPos}, {@code private}); the reader reads those again only then.
 *
 * <p><b>Thread-safety.</b> Not thread-safe on its own: each method is called by the thread that holds
 * the locks it states.
 */
final class StreamRepair {

    private final ControlBlock cb;
    private final int fd;
    private final long me;
    private final int kind;
    /** Scratch for drained bytes; only touched under the read lock. */
    private final byte[] scratch = new byte[64 * 1024];
    /**
     * Set while this reader serves a request: the requester owns the write lock and waits, so the
     * writer state is ours to repair. Confined to the read lock holder's thread.
     */
    private boolean serving;

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

    /** No {@code read(2)} of the reader is in flight: its positions are exact. */
    private boolean readerSettled() {
        return (cb.getInt(R_SEQLOCK_OFFSET) & 1) == 0;
    }

    /**
     * The read lock, and the write lock or a writer that owns it and waits for this repair (its
     * request names it, {@link #serving}), which writes nothing meanwhile.
     */
    private boolean holdsBoth() {
        return holdsRead() && (holdsWrite() || serving);
    }

    /** Whether a writer waits for the read lock holder to repair its dead predecessor. */
    boolean requested() {
        return cb.getLong(REPAIR_REQUEST_OFFSET) != 0;
    }

    /**
     * We took the write lock over from a dead writer: gets its half-written batch repaired, by us if
     * the read lock is free (or its holder dead), else by the live holder, whom the request (naming
     * us) asks to. Waits in slices of {@link Waits#SLICE} on the request word, never spinning;
     * between slices it runs {@code checkpoint} and looks at the read lock again, so a holder that
     * died meanwhile is taken over and its state repaired here.
     *
     * <p>Holds: the write lock. Expects: the request word free, ours, or stale (a dead requester's).
     *
     * @throws InterruptedException if the checkpoint throws (also any exception it throws): our
     *         request is withdrawn and nothing is repaired; the caller must hand the write lock back
     *         with {@link SharedLock#abandon}, so that the next writer repairs
     */
    void repairAsWriter(SharedLock.Checkpoint checkpoint) throws InterruptedException {
        assert holdsWrite() : "repairAsWriter without the write lock";
        boolean done = false;
        try {
            while (true) {
                int r = SharedLock.tryLock(cb, READ_LOCK_OFFSET, me);
                if (r != SharedLock.TIMED_OUT) {
                    try {
                        repairUnderBothLocks(r == SharedLock.OWNER_DIED, true);
                    } finally {
                        SharedLock.unlock(cb, READ_LOCK_OFFSET);
                    }
                    done = true;
                    return;
                }
                // A live reader holds the read lock: it performs the repair on our behalf, and only
                // while we own the write lock (the request names us). It may not be running (stopped,
                // paused): we wait in slices, as every wait does.
                cb.setLong(REPAIR_REQUEST_OFFSET, me);
                cb.futexWakeAll(QSIZE_OFFSET);
                cb.futexWakeAll(W_PUB_OFFSET);
                cb.futexWait(REPAIR_REQUEST_OFFSET, (int) me, SLICE);
                if (cb.getLong(REPAIR_REQUEST_OFFSET) != me) {
                    done = true; // served (the reader clears the request after the repair)
                    return;
                }
                checkpoint.check();
            }
        } finally {
            if (!done) {
                // NOTE: a reader that read our request before this may still be serving it: safe, as
                // nobody writes while the lock is ours, abandoned, or held by a waiting requester.
                clearRepairRequest(me);
            }
        }
    }

    /**
     * The frame being read is stalled: if its writer died, repairs (taking its lock over); if no
     * writer exists and the FIFO is empty, checks the accounting under both locks.
     *
     * <p>Holds: the read lock, no {@code read(2)} in flight.
     *
     * @return whether a repair ran (the caller's frame entry and positions may have changed)
     */
    boolean checkWriter() {
        assert holdsRead() : "checkWriter without the read lock";
        assert readerSettled() : "checkWriter with a read in flight";
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
                    return true;
                }
            }
            return false;
        }
        if (cb.casLong(WRITE_LOCK_OFFSET, owner, me)) {
            try {
                repairUnderBothLocks(false, true);
            } finally {
                SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
            }
            return true;
        }
        return false;
    }

    /**
     * A writer asked the read lock holder (us) to repair a dead writer. Served only while the write
     * lock's owner is the requester: a requester that died after asking left a stale request (its
     * own dead lock is repaired by whoever takes it over), which is only cleared.
     *
     * <p>Holds: the read lock; if {@code !readerDead}, no {@code read(2)} in flight.
     *
     * @return whether the repair was done (the caller's frame entry and positions may have changed,
     *         and with {@code readerDead} the dead reader's state is repaired too)
     */
    boolean serveRepairRequest(boolean readerDead) {
        assert holdsRead() : "serving a repair request without the read lock";
        assert readerDead || readerSettled() : "serving a repair request with a read in flight";
        long requester = cb.getLong(REPAIR_REQUEST_OFFSET);
        if (requester == 0) {
            return false;
        }
        boolean serve = requester == SharedLock.owner(cb, WRITE_LOCK_OFFSET);
        if (serve) {
            serving = true;
            try {
                repairUnderBothLocks(readerDead, true);
            } finally {
                serving = false;
            }
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
     * <p>Holds: the read lock, taken over from a dead owner (its seqlock may be odd).
     *
     * @return {@code true} if repaired, {@code false} if the deadline came first
     */
    boolean repairDeadReader(long deadline) {
        assert holdsRead() : "repairing a dead reader without the read lock";
        SpinBudget spin = new SpinBudget(SpinBudget.SHORT_NANOS);
        long sleep = 100_000L;
        while (true) {
            if (requested() && serveRepairRequest(true)) {
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
            long now = System.nanoTime();
            if (passed(deadline, now)) {
                return false;
            }
            if (!spin.spin()) {
                // NOTE: the write(2) in flight is short unless its writer is not running: sleep (0.1 ms,
                // doubling up to a slice), never past the deadline.
                LockSupport.parkNanos(slice(deadline, now, sleep));
                sleep = Math.min(sleep * 2, SLICE);
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
                clearVoidRequest();
            }
        }
    }

    /** Clears a request raised by us or by a writer that no longer owns the write lock. */
    private void clearVoidRequest() {
        long requester = cb.getLong(REPAIR_REQUEST_OFFSET);
        if (requester == me || (requester != 0 && requester != SharedLock.owner(cb, WRITE_LOCK_OFFSET))) {
            clearRepairRequest(requester);
        }
    }

    private void repairPositions(boolean readerDead, boolean writerDead) {
        if (cb.getLong(R_RESYNC_OFFSET) < 0) {
            // A drop is owed: bytes were drained without moving rPos, so no position can be trusted.
            resyncUnderBothLocks();
            return;
        }
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
        assert readerSettled() : "reader seqlock still odd after the dead reader's repair";
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
            Counters.addQsize(cb, -1);
            wakeSpaceWaiters(cb);
        }
    }

    /**
     * Drops every published, unread frame after a corrupt frame or an accounting mismatch: takes
     * the write lock (draining the FIFO meanwhile, so that a writer blocked on a full FIFO can finish
     * and let go of it) and drains and forgets everything unread under both locks.
     *
     * <p>The write lock's holder may not be running (stopped, paused, starved): this waits for it
     * only until {@code deadline} (sleeping in {@code poll} on the FIFO, from 1 ms up to a
     * {@link Waits#SLICE}). Then the drop is <em>owed</em>: {@link ControlBlockLayout#R_RESYNC_OFFSET}
     * says so (and how many bytes were drained, which {@code rPos} does not count), the caller's
     * {@code get} throws {@code Empty}, and the next reader finishes the drop first
     * ({@link StreamReader}). The mark is set before the first byte is drained, so a reader killed
     * here leaves it too.
     *
     * <p>Holds: the read lock, no {@code read(2)} in flight.
     *
     * @return {bytes discarded, items lost}, or {@code null} if the drop is owed
     */
    long[] resync(long deadline) {
        assert holdsRead() : "resync without the read lock";
        assert readerSettled() : "resync with a read in flight";
        long owed = cb.getLong(R_RESYNC_OFFSET);
        long drained = owed < 0 ? -owed - 1 : 0;
        cb.setLong(R_RESYNC_OFFSET, -drained - 1);
        long pollMillis = 1;
        while (true) {
            long n = drain();
            if (n > 0) {
                drained += n;
                cb.setLong(R_RESYNC_OFFSET, -drained - 1);
                pollMillis = 1;
            }
            if (requested()) {
                // the write lock's holder waits for us to repair its dead predecessor
                serveRepairRequest(false);
            }
            int r = SharedLock.tryLock(cb, WRITE_LOCK_OFFSET, me);
            if (r != SharedLock.TIMED_OUT) {
                try {
                    if (r == SharedLock.OWNER_DIED) {
                        clearVoidRequest();
                    }
                    return resyncUnderBothLocks();
                } finally {
                    SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
                }
            }
            long now = System.nanoTime();
            if (passed(deadline, now)) {
                return null;
            }
            long wait = slice(deadline, now, pollMillis * 1_000_000L);
            LibC.poll(fd, LibC.POLLIN, (int) Math.max(1, (wait + 999_999) / 1_000_000));
            pollMillis = Math.min(pollMillis * 2, SLICE / 1_000_000);
        }
    }

    /**
     * Drains the FIFO and forgets every published, unread frame; both locks held. Also finishes an
     * owed drop (counting the bytes it drained) or makes an owed scan void.
     *
     * @return {bytes discarded, items lost}
     */
    private long[] resyncUnderBothLocks() {
        assert holdsBoth() : "resync without both locks";
        long owed = cb.getLong(R_RESYNC_OFFSET);
        long drained = drain() + (owed < 0 ? -owed - 1 : 0);
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
        // NOTE: cleared once the positions agree again, and before the items are forgotten: a reader
        // killed in between leaves a consistent stream whose count is too high, never too low.
        cb.setLong(R_RESYNC_OFFSET, 0);
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
