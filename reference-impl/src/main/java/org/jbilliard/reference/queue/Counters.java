package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;
import static org.jbilliard.reference.queue.Waits.*;

/**
 * The shared counts: {@code qsize} (items accepted by {@code put} and not yet taken, wherever they
 * are), this participant's {@code pending} (accepted, not yet published), and for a joinable queue
 * {@code unfinished} (put and not yet {@code task_done}).
 *
 * <p><b>Implementation note.</b> No lock guards the counters: each is one 32-bit word changed by
 * atomic add or compare-and-set. {@code qsize} is a futex word producers of a full queue sleep on;
 * {@code unfinished} one joiners sleep on. The order of updates is chosen so that a kill between two
 * of them over-counts (a capacity leak of one), never under-counts: {@code qsize} first, then
 * {@code unfinished}, then {@code pending}.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 */
final class Counters {

    private final ControlBlock cb;
    private final int kind;
    private final int maxsize;
    private final long slotOffset;
    private final DeadParticipants dead;

    Counters(ControlBlock cb, int kind, int maxsize, long slotOffset, DeadParticipants dead) {
        this.cb = cb;
        this.kind = kind;
        this.maxsize = maxsize;
        this.slotOffset = slotOffset;
        this.dead = dead;
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
        while (true) {
            int q = cb.getInt(QSIZE_OFFSET);
            if (q < maxsize) {
                if (cb.casInt(QSIZE_OFFSET, q, q + 1)) {
                    break;
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
        // NOTE: qsize first, then unfinished, then pending: a kill between two of these leaves the
        // item over-counted (a leaked slot), never counted in pending but not in qsize.
        if (kind == KIND_JOINABLE) {
            cb.addInt(UNFINISHED_OFFSET, 1);
        }
        cb.addInt(slotOffset + SLOT_PENDING, 1);
        return true;
    }

    /** Undoes a {@link #reserve} whose item was never handed to the writer. */
    void unreserve() {
        cb.addInt(slotOffset + SLOT_PENDING, -1);
        forget(cb, kind, 1);
    }

    /** Subtracts items that will never be delivered from qsize (and unfinished), waking waiters. */
    static void forget(ControlBlock cb, int kind, int items) {
        if (items == 0) {
            return;
        }
        cb.addInt(QSIZE_OFFSET, -items);
        if (kind == KIND_JOINABLE) {
            int left = cb.addInt(UNFINISHED_OFFSET, -items);
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
