package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;

/**
 * The wait policy every blocking path of the queue core follows, in one place: how long a sleep
 * lasts, how long a call that may not wait still waits for an owed item, how often dead participants
 * are looked for, and the wake-up that pairs with each kind of sleep.
 *
 * <p><b>Implementation note.</b> Every wait sleeps in the kernel ({@code futex} on a control-block
 * word, or {@code poll} on the FIFO) in slices of at most {@link #SLICE}, never past the caller's
 * deadline, and runs its {@link SharedLock.Checkpoint} (interrupt, {@code close()}) between slices.
 * Each sleeper raises a waiter count before its futex compares the word, and each waker moves the
 * word before it reads that count (both volatile), so a wake-up is never missed; a waker that died
 * costs the sleepers one slice. The pairs: readers on an empty queue sleep on {@code wPub}
 * ({@link #wakePublicationWaiters}); writers waiting for FIFO room sleep on {@code rSeqlock}
 * ({@link #wakeRoomWaiters}); writers waiting for ring entries sleep on {@code rSeq}
 * ({@link #wakeRingWaiters}); producers of a full queue sleep on {@code qsize}; joiners on
 * {@code unfinished}; lock contenders on the lock word ({@link SharedLock}).
 *
 * <p><b>Thread-safety.</b> Stateless; thread-safe.
 */
final class Waits {

    /** Sleep slice: bounds interrupt latency and the time to notice a dead participant. */
    static final long SLICE = SharedLock.SLICE_NANOS;
    /**
     * Sleep slice of a reader waiting on an empty queue. Nothing needs polling there (no counted item
     * is owed, so no dead producer to detect; repair requests and {@code wakeBlockedReaders} wake the
     * futex), except the thread's interrupt status, which this slice bounds.
     */
    static final long EMPTY_SLICE = 100_000_000L;
    /** How often a waiter looks for dead participants' slots. */
    static final long SCAN_INTERVAL_NANOS = 20_000_000L;
    /**
     * How long a call that may not wait ({@code getNowait()}, {@code get(timeout <= 0)}) still waits
     * for an item that is already counted: the time a running participant needs to publish it or to
     * hand over the read lock. An item held longer than this by a participant that is not running is
     * <em>owed</em>: the call throws {@code Empty} and the item goes to a later {@code get}.
     */
    static final long NOWAIT_GRACE_NANOS = 5_000_000L;

    private Waits() {
    }

    /** The next sleep: a slice of at most {@code max}, never past {@code deadline}. */
    static long slice(long deadline, long now, long max) {
        return deadline == SharedLock.NO_DEADLINE ? max : Math.min(max, deadline - now);
    }

    /** Whether {@code deadline} (not {@link SharedLock#NO_DEADLINE}) has passed at {@code now}. */
    static boolean passed(long deadline, long now) {
        return deadline != SharedLock.NO_DEADLINE && now - deadline >= 0;
    }

    /**
     * Wakes readers sleeping until a frame is published. Called after the first {@code write} of a
     * batch, not at the publication point: a reader woken earlier finds no bytes, and on a busy
     * machine it may take the processor from the very writer it waits for.
     */
    static void wakePublicationWaiters(ControlBlock cb) {
        // NOTE: a reader raises the waiter count before its futex compares wPub, and wPub was stored
        // before this read of the count: one of us sees the other.
        if (cb.getInt(PUB_WAITERS_OFFSET) > 0) {
            cb.futexWakeAll(W_PUB_OFFSET);
        }
    }

    /** A read moved the reader's seqlock: wakes writers waiting for FIFO room. */
    static void wakeRoomWaiters(ControlBlock cb) {
        // NOTE: the waiter raises the count before its futex compares the seqlock, and we moved the
        // seqlock before reading the count: one of us sees the other.
        if (cb.getInt(ROOM_WAITERS_OFFSET) > 0) {
            cb.futexWakeAll(R_SEQLOCK_OFFSET);
        }
    }

    /** Readers moved {@code rSeq}: wakes writers waiting for ring entries. */
    static void wakeRingWaiters(ControlBlock cb) {
        if (cb.getInt(RING_WAITERS_OFFSET) > 0) {
            cb.futexWakeAll(R_SEQ_OFFSET);
        }
    }

    /** {@code qsize} went down: wakes producers waiting for room in a bounded queue. */
    static void wakeSpaceWaiters(ControlBlock cb) {
        if (cb.getInt(SPACE_WAITERS_OFFSET) > 0) {
            cb.futexWakeAll(QSIZE_OFFSET);
        }
    }
}
