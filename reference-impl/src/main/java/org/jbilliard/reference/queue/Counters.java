package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;
import static org.jbilliard.reference.queue.Waits.*;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared counts: {@code qsize} (items accepted by {@code put} and not yet taken, wherever they
 * are), this participant's {@code pending} (accepted, not yet published), and for a joinable queue
 * {@code unfinished} (put and not yet {@code task_done}).
 *
 * <p><b>Implementation note.</b> No lock guards the counters. {@code qsize} is the low half of the
 * 64-bit <em>reservation word</em>, whose high half names the last reservation (its <em>tag</em>:
 * slot and sequence number); a slot's {@code pending} is the low half of the 64-bit <em>slot
 * word</em>, whose high half is the tag of the slot's last completed reservation. Both words change
 * only by 64-bit compare-and-set (readers lower {@code qsize} that way too), so the halves never tear.
 * A reservation is two steps: one compare-and-set raises {@code qsize} and puts the new tag in the
 * reservation word (the point at which the item counts, checked against {@code maxsize}); the
 * <em>completion</em> raises the slot's {@code pending} and records the tag in the slot word, once:
 * whoever sees the tag not yet recorded completes it — the reserver, any later reserver (before its
 * own compare-and-set, so the tag is never overwritten incomplete), and the repair of a dead slot
 * (before it gives the slot's pending items back). So a participant killed between the two steps
 * leaves its item counted in its slot, and the repair gives it back: no capacity is ever lost.
 *
 * <p>For a joinable queue the reserver raises {@code unfinished} after the completion; the completion
 * marks the slot ({@link ControlBlockLayout#PENDING_UNFINISHED_OWED}) until it has, so that the repair of
 * a killed reserver takes off {@code unfinished} only what was added. Within a process joinable
 * reservations are serialized (a local lock), so one mark per slot suffices. Left: a kill between
 * {@code unfinished}'s increment and the clearing of the mark (two adjacent instructions) leaves
 * {@code unfinished} one too high; never too low.
 *
 * <p>{@code qsize} is the futex word producers of a full queue sleep on (the kernel compares its
 * 32 bits); {@code unfinished} the one joiners sleep on.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 */
final class Counters {

    private static final long LOW = 0xFFFF_FFFFL;
    /** Sequence bits of a tag; the slot index + 1 is above them. */
    private static final int SEQ_BITS = 21;
    private static final int SEQ_MASK = (1 << SEQ_BITS) - 1;

    private final ControlBlock cb;
    private final int kind;
    private final int maxsize;
    private final int slotIndex;
    private final long slotOffset;
    private final DeadParticipants dead;
    private final PausePoints pauses;
    /** Serializes this process's joinable reservations (see the class comment). */
    private final ReentrantLock joinableReservation = new ReentrantLock();

    Counters(ControlBlock cb, int kind, int maxsize, int slotIndex, DeadParticipants dead, PausePoints pauses) {
        this.cb = cb;
        this.kind = kind;
        this.maxsize = maxsize;
        this.slotIndex = slotIndex;
        this.slotOffset = slot(slotIndex);
        this.dead = dead;
        this.pauses = pauses;
    }

    int qsize() {
        return Math.max(0, cb.getInt(QSIZE_OFFSET));
    }

    int unfinished() {
        return cb.getInt(UNFINISHED_OFFSET);
    }

    /**
     * Reserves room for one item (capacity, {@code qsize}, the slot's pending count, and for a
     * joinable queue the unfinished count). Returns once every process sees the item.
     *
     * @return {@code false} if no room became free before {@code deadline}
     */
    boolean reserve(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        SpinBudget spin = null;
        boolean joinable = kind == KIND_JOINABLE;
        while (true) {
            long word = cb.getLong(QSIZE_OFFSET);
            int q = (int) word;
            if (q < maxsize) {
                if (joinable) {
                    joinableReservation.lock();
                }
                try {
                    int tag = (int) (word >>> 32);
                    // NOTE: the last reservation is completed before its tag is replaced.
                    complete(cb, tag);
                    int mine = ((slotIndex + 1) << SEQ_BITS) | ((tag + 1) & SEQ_MASK);
                    if (cb.casLong(QSIZE_OFFSET, word, ((long) mine << 32) | ((q + 1) & LOW))) {
                        pauses.pause("reserve-counted");
                        complete(cb, mine);
                        if (joinable) {
                            cb.addInt(UNFINISHED_OFFSET, 1);
                            clearUnfinishedOwed();
                        }
                        return true;
                    }
                } finally {
                    if (joinable) {
                        joinableReservation.unlock();
                    }
                }
                continue;
            }
            long now = System.nanoTime();
            if (now - dead.lastScan() >= SCAN_INTERVAL_NANOS) {
                dead.scan();
                if (cb.getInt(QSIZE_OFFSET) < maxsize) {
                    continue;
                }
            }
            if (deadline != SharedLock.NO_DEADLINE && now - deadline >= 0) {
                return false;
            }
            if (spin == null) {
                spin = new SpinBudget(SpinBudget.SHORT_NANOS);
            }
            if (spin.spin()) {
                continue;
            }
            long slice = deadline == SharedLock.NO_DEADLINE ? SLICE : Math.min(SLICE, deadline - now);
            cb.addInt(SPACE_WAITERS_OFFSET, 1);
            try {
                if (cb.getInt(QSIZE_OFFSET) == q) {
                    cb.futexWait(QSIZE_OFFSET, q, slice);
                }
            } finally {
                cb.addInt(SPACE_WAITERS_OFFSET, -1);
            }
            checkpoint.check();
        }
    }

    /**
     * Completes the reservation {@code tag} if it is not yet: raises its slot's pending count and
     * records the tag there, in one compare-and-set. Idempotent; any participant may call it.
     */
    static void complete(ControlBlock cb, int tag) {
        if (tag == 0) {
            return;
        }
        int index = (tag >>> SEQ_BITS) - 1;
        if (index < 0 || index >= SLOT_COUNT) {
            return;
        }
        long off = slot(index) + SLOT_PENDING;
        boolean joinable = cb.getInt(KIND_OFFSET) == KIND_JOINABLE;
        while (true) {
            long s = cb.getLong(off);
            if ((int) (s >>> 32) == tag) {
                return; // completed
            }
            // NOTE: once a later reservation replaced the tag, this one was completed before (the
            // slot word read above may predate that: its compare-and-set below then fails, unless
            // the slot word came back to exactly that value, which takes 2^21 reservations with
            // this caller stopped between the two reads and the compare-and-set).
            if ((int) (cb.getLong(QSIZE_OFFSET) >>> 32) != tag) {
                return;
            }
            int pending = (int) s;
            int raised = (pending + 1) | (joinable ? PENDING_UNFINISHED_OWED : 0);
            if (cb.casLong(off, s, ((long) tag << 32) | (raised & LOW))) {
                return;
            }
        }
    }

    /** Completes the reservation named in the reservation word, if it is not yet. */
    static void completeLast(ControlBlock cb) {
        complete(cb, (int) (cb.getLong(QSIZE_OFFSET) >>> 32));
    }

    private void clearUnfinishedOwed() {
        long off = slotOffset + SLOT_PENDING;
        while (true) {
            long s = cb.getLong(off);
            if (cb.casLong(off, s, s & ~(long) PENDING_UNFINISHED_OWED)) {
                return;
            }
        }
    }

    /** Adds {@code delta} to the slot's pending count (publication, undone reservations). */
    static void addPending(ControlBlock cb, long slotOffset, int delta) {
        long off = slotOffset + SLOT_PENDING;
        while (true) {
            long s = cb.getLong(off);
            int pending = (int) s;
            int changed = ((pending & ~PENDING_UNFINISHED_OWED) + delta) | (pending & PENDING_UNFINISHED_OWED);
            if (cb.casLong(off, s, (s & ~LOW) | (changed & LOW))) {
                return;
            }
        }
    }

    /**
     * Takes a slot's pending items out of it (release, repair of a dead participant), after completing
     * a reservation of it still named in the reservation word.
     *
     * @return {pending items, of them not yet counted in unfinished (0 or 1)}
     */
    static int[] drainPending(ControlBlock cb, int index) {
        completeLast(cb);
        long off = slot(index) + SLOT_PENDING;
        while (true) {
            long s = cb.getLong(off);
            int pending = (int) s;
            if (cb.casLong(off, s, s & ~LOW)) {
                return new int[] {pending & ~PENDING_UNFINISHED_OWED, (pending & PENDING_UNFINISHED_OWED) != 0 ? 1 : 0};
            }
        }
    }

    /** Adds {@code delta} to {@code qsize}, keeping the reservation word's tag; returns the new size. */
    static int addQsize(ControlBlock cb, int delta) {
        while (true) {
            long word = cb.getLong(QSIZE_OFFSET);
            int q = (int) word + delta;
            if (cb.casLong(QSIZE_OFFSET, word, (word & ~LOW) | (q & LOW))) {
                return q;
            }
        }
    }

    /** Undoes a {@link #reserve} whose item was never handed to the writer. */
    void unreserve() {
        addPending(cb, slotOffset, -1);
        forget(cb, kind, 1);
    }

    /** Subtracts items that will never be delivered from qsize (and unfinished), waking waiters. */
    static void forget(ControlBlock cb, int kind, int items) {
        forget(cb, kind, items, items);
    }

    /** As {@link #forget(ControlBlock, int, int)}, taking {@code unfinishedItems} off unfinished. */
    static void forget(ControlBlock cb, int kind, int items, int unfinishedItems) {
        if (items == 0 && unfinishedItems == 0) {
            return;
        }
        addQsize(cb, -items);
        if (kind == KIND_JOINABLE && unfinishedItems != 0) {
            int left = cb.addInt(UNFINISHED_OFFSET, -unfinishedItems);
            if (left <= 0 && cb.getInt(JOIN_WAITERS_OFFSET) > 0) {
                cb.futexWakeAll(UNFINISHED_OFFSET);
            }
        }
        wakeSpaceWaiters(cb);
    }

    /** @return {@code false} if the count was already zero */
    boolean taskDone() {
        while (true) {
            int u = cb.getInt(UNFINISHED_OFFSET);
            if (u <= 0) {
                return false;
            }
            if (cb.casInt(UNFINISHED_OFFSET, u, u - 1)) {
                if (u == 1 && cb.getInt(JOIN_WAITERS_OFFSET) > 0) {
                    cb.futexWakeAll(UNFINISHED_OFFSET);
                }
                return true;
            }
        }
    }

    /** @return {@code true} once the unfinished count is zero, {@code false} at the deadline */
    boolean join(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        while (true) {
            int u = cb.getInt(UNFINISHED_OFFSET);
            if (u <= 0) {
                return true;
            }
            long now = System.nanoTime();
            if (now - dead.lastScan() >= 5 * SCAN_INTERVAL_NANOS) {
                dead.scan();
                continue;
            }
            if (deadline != SharedLock.NO_DEADLINE && now - deadline >= 0) {
                return false;
            }
            long slice = deadline == SharedLock.NO_DEADLINE ? SLICE : Math.min(SLICE, deadline - now);
            cb.addInt(JOIN_WAITERS_OFFSET, 1);
            try {
                if (cb.getInt(UNFINISHED_OFFSET) == u) {
                    cb.futexWait(UNFINISHED_OFFSET, u, slice);
                }
            } finally {
                cb.addInt(JOIN_WAITERS_OFFSET, -1);
            }
            checkpoint.check();
        }
    }
}
