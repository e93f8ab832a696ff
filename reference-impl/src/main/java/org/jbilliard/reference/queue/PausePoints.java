package org.jbilliard.reference.queue;

import java.util.ServiceLoader;

/**
 * Named points in the writer, the reader and the feeder where a crash test may stop a participant
 * (and then kill or stop it there), injected into each attachment at creation. Production code runs
 * with {@link #NONE}: every point is an empty call on a final field, which the JIT removes.
 *
 * <p>Points: {@code reserve-counted} (an item counted in {@code qsize}, its reservation not yet
 * completed in the slot, see {@link Counters}), {@code feeder-before-write} (items accepted, not yet
 * published), {@code writer-locked}
 * (write lock held, batch not yet published), {@code writer-mid-frame} (part of a frame written),
 * {@code reader-waiting} (read lock held, waiting for an item), {@code reader-mid-frame} (read lock
 * held, part of a frame read).
 *
 * <p>An implementation is found with {@link ServiceLoader} on the class path, which is how the test
 * class path of this module provides one to the child JVMs its crash tests start; none is shipped.
 *
 * <p><b>Thread-safety.</b> Implementations must be thread-safe.
 */
interface PausePoints {

    /** No pause points: production. */
    PausePoints NONE = new PausePoints() {
        @Override
        public void pause(String point) {
        }

        @Override
        public boolean splitFrames() {
            return false;
        }

        @Override
        public boolean directWrites() {
            return true;
        }
    };

    /** Reached at the named point; may block the calling thread for ever. */
    void pause(String point);

    /**
     * Whether the first read and write of a frame longer than 4 KiB take only 4 KiB, so that the
     * {@code -mid-frame} points are reached with part of a frame moved.
     */
    boolean splitFrames();

    /** Whether a feeder may write an item from the caller (a test stopping a feeder needs it not to). */
    boolean directWrites();

    /** The implementation on the class path, or {@link #NONE}. */
    static PausePoints installed() {
        return ServiceLoader.load(PausePoints.class, PausePoints.class.getClassLoader()).findFirst().orElse(NONE);
    }
}
