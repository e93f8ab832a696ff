package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;

import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * The dead-participant scans over the slot table: a participant whose process died (on positive
 * evidence, {@link ProcessIdentity#isAlive}) leaves its slot's {@code pending} items — accepted by
 * {@code put}, never published — counted in {@code qsize}; a scan subtracts them (and from
 * {@code unfinished}) and frees the slot.
 *
 * <p><b>Implementation note.</b> No lock guards the slot table: a slot's identity word is claimed
 * with a compare-and-set ({@code 0 -> me} at attach, {@code dead -> }{@link
 * ControlBlockLayout#SLOT_REPAIRING} for a repair), so each repair happens once, and only the slot's
 * owner changes its {@code pending} count otherwise (the completion of a reservation by another
 * participant aside, see {@link Counters}). Attach and release scan under the admin lock.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 */
final class DeadParticipants {

    private final ControlBlock cb;
    private final long me;
    private volatile long lastScan;

    DeadParticipants(ControlBlock cb, long me) {
        this.cb = cb;
        this.me = me;
    }

    /** When this process last scanned ({@link System#nanoTime()}). */
    long lastScan() {
        return lastScan;
    }

    /** Repairs the slots of participants that died; see the class comment. */
    void scan() {
        lastScan = System.nanoTime();
        for (int i = 0; i < SLOT_COUNT; i++) {
            long id = cb.getLong(slot(i) + SLOT_IDENTITY);
            if (id != 0 && id != me && id != SLOT_REPAIRING && !ProcessIdentity.isAlive(id)) {
                repairSlot(cb, i, id);
            }
        }
    }

    /** Scans if the last scan is older than {@code interval}. */
    void scanIfDue(long interval) {
        if (System.nanoTime() - lastScan >= interval) {
            scan();
        }
    }

    /** Whether a live process other than this one is attached (and so might still read). */
    boolean otherProcessAttached() {
        for (int i = 0; i < SLOT_COUNT; i++) {
            long id = cb.getLong(slot(i) + SLOT_IDENTITY);
            if (id != 0 && id != SLOT_REPAIRING && id != me && ProcessIdentity.isAlive(id)) {
                return true;
            }
        }
        return false;
    }

    /** Gives a dead participant's pending items back and frees its slot (once: compare-and-set). */
    static void repairSlot(ControlBlock cb, int index, long deadId) {
        long off = slot(index);
        if (!cb.casLong(off + SLOT_IDENTITY, deadId, SLOT_REPAIRING)) {
            return;
        }
        // NOTE: a reservation it made and did not complete is completed first (Counters), so its
        // item is among those given back.
        int[] pending = Counters.drainPending(cb, index);
        Counters.forget(cb, cb.getInt(KIND_OFFSET), pending[0], pending[0] - pending[1]);
        cb.setLong(off + SLOT_IDENTITY, 0);
    }
}
