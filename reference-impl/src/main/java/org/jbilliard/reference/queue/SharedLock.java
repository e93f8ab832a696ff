package org.jbilliard.reference.queue;

import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * A cross-process lock in the control block that knows its owner: a 64-bit word holding the
 * {@link ProcessIdentity} of the holding process ({@code 0} = free) and a waiter count.
 *
 * <p>Acquire is a compare-and-set {@code 0 -> me}; a contender spins briefly, then sleeps on the
 * word's low half with {@code FUTEX_WAIT} in slices of {@link #SLICE_NANOS}. After each slice it
 * re-checks its deadline, its interrupt status and — if the same owner has held the lock for a slice
 * — whether that owner still runs. If the owner died, the contender takes the lock over with a
 * compare-and-set {@code dead -> me} and is told so ({@link #OWNER_DIED}): it must then repair
 * whatever the dead owner left half done before using the protected state (see
 * {@link StreamRepair}). Exactly one contender wins that compare-and-set.
 *
 * <p>The lock is per process, not per thread: threads of one process exclude each other like
 * processes do, but an unlock by another thread of the owning process is not detected. Any thread,
 * virtual threads included, may lock (no OS-thread affinity, unlike pthread mutexes).
 *
 * <p>Stateless; thread-safe.
 */
final class SharedLock {

    /** The deadline returned/accepted as "wait forever". */
    static final long NO_DEADLINE = Long.MAX_VALUE;
    /** Sleep slice: bounds interrupt latency and the time to notice a dead owner. */
    static final long SLICE_NANOS = 20_000_000L;

    static final int TIMED_OUT = 0;
    static final int ACQUIRED = 1;
    static final int OWNER_DIED = 2;

    private static final int SPINS = 200;

    /** Called between sleeps; throws to abandon the wait (interrupt, closed handle). */
    @FunctionalInterface
    interface Checkpoint {
        void check() throws InterruptedException;
    }

    private SharedLock() {
    }

    /**
     * Takes the lock if it is free or its owner is dead; never waits.
     *
     * @return {@link #ACQUIRED}, {@link #OWNER_DIED}, or {@link #TIMED_OUT} if a live owner holds it
     */
    static int tryLock(ControlBlock cb, long offset, long me) {
        if (cb.casLong(offset, 0, me)) {
            return ACQUIRED;
        }
        long owner = cb.getLong(offset);
        if (owner == 0) {
            return cb.casLong(offset, 0, me) ? ACQUIRED : TIMED_OUT;
        }
        if (owner != me && !ProcessIdentity.isAlive(owner) && cb.casLong(offset, owner, me)) {
            return OWNER_DIED;
        }
        return TIMED_OUT;
    }

    /**
     * Takes the lock only if it is free; never waits and never takes over from a dead owner (whose
     * repair may have to wait for a reader).
     *
     * @return whether the lock is now held
     */
    static boolean tryLockFree(ControlBlock cb, long offset, long me) {
        return cb.getLong(offset) == 0 && cb.casLong(offset, 0, me);
    }

    /**
     * Takes the lock, waiting until {@code deadline} ({@link System#nanoTime()} based, or
     * {@link #NO_DEADLINE}).
     *
     * @return {@link #ACQUIRED}, {@link #OWNER_DIED} or {@link #TIMED_OUT}
     * @throws InterruptedException if the checkpoint says so; the lock is then not held
     */
    static int lock(ControlBlock cb, long offset, long me, long deadline, Checkpoint checkpoint)
            throws InterruptedException {
        for (int i = 0; i < SPINS; i++) {
            if (cb.getLong(offset) == 0 && cb.casLong(offset, 0, me)) {
                return ACQUIRED;
            }
            Thread.onSpinWait();
        }
        long watched = 0;
        long watchedSince = 0;
        while (true) {
            long owner = cb.getLong(offset);
            long now = System.nanoTime();
            if (owner == 0) {
                if (cb.casLong(offset, 0, me)) {
                    return ACQUIRED;
                }
                continue;
            }
            if (owner != watched) {
                watched = owner;
                watchedSince = now;
            } else if (owner != me && now - watchedSince >= SLICE_NANOS) {
                watchedSince = now;
                if (!ProcessIdentity.isAlive(owner) && cb.casLong(offset, owner, me)) {
                    return OWNER_DIED;
                }
            }
            long slice = SLICE_NANOS;
            if (deadline != NO_DEADLINE) {
                long remaining = deadline - now;
                if (remaining <= 0) {
                    // NOTE: one last look at the owner, so that even a call that may not wait takes
                    // over from a dead one (kill(pid, 0): a few microseconds, no descriptor).
                    if (owner != me && !ProcessIdentity.isAlive(owner) && cb.casLong(offset, owner, me)) {
                        return OWNER_DIED;
                    }
                    return TIMED_OUT;
                }
                slice = Math.min(slice, remaining);
            }
            cb.addInt(offset + ControlBlockLayout.LOCK_WAITERS, 1);
            try {
                // NOTE: the waiter count is raised before the owner is re-read, and the futex only
                // sleeps if the word still holds that owner, so an unlock in between is never missed.
                if (cb.getLong(offset) == owner) {
                    cb.futexWait(offset, (int) owner, slice);
                }
            } finally {
                cb.addInt(offset + ControlBlockLayout.LOCK_WAITERS, -1);
                // NOTE: cleared after any return (woken or not) and before the lock word is re-read
                // at the top of the loop: an unlock that saw the flag set and skipped its wake-up
                // happened before this, so that re-read sees the lock free. A waker that died with
                // the flag set costs the sleepers one slice, not a wake-up forever.
                cb.setInt(offset + ControlBlockLayout.LOCK_WAKING, 0);
            }
            checkpoint.check();
        }
    }

    /**
     * Releases the lock and wakes one sleeper, if any and unless one was woken and has not run yet
     * (under contention an unlock then costs no system call; the woken one competes for the lock
     * when it runs, and another is woken by the next unlock after that).
     */
    static void unlock(ControlBlock cb, long offset) {
        cb.setLong(offset, 0);
        // NOTE: the release is stored before the waiter count is read (both volatile): a contender
        // that raised the count after this read re-reads the word and sees it free.
        if (cb.getInt(offset + ControlBlockLayout.LOCK_WAITERS) > 0
                && cb.casInt(offset + ControlBlockLayout.LOCK_WAKING, 0, 1)) {
            cb.futexWakeOne(offset);
        }
    }

    /**
     * An owner identity that is dead by construction (pid 0): the owner of a lock handed back by
     * {@link #abandon}, whose next contender sees {@link #OWNER_DIED} and repairs.
     */
    static final long ABANDONED = 0xFFFF_FFFE_0000_0000L;

    /**
     * Releases a lock taken over from a dead owner without having repaired what that owner left:
     * the lock goes to {@link #ABANDONED}, so that the next contender is told {@link #OWNER_DIED}
     * and does the repair. Wakes the sleepers, who see the owner change.
     */
    static void abandon(ControlBlock cb, long offset) {
        cb.setLong(offset, ABANDONED);
        cb.futexWakeAll(offset);
    }

    static long owner(ControlBlock cb, long offset) {
        return cb.getLong(offset);
    }
}
