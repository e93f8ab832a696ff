package org.jbilliard;

/**
 * Thrown by {@link Queue#getNowait()} and {@link Queue#get(java.time.Duration)} when no item
 * could be taken: the queue was empty, or stayed empty until the timeout elapsed.
 *
 * <p>Corresponds to billiard's {@code queue.Empty} (re-exported as {@code billiard.queues.Empty}).
 * It is a checked exception because an empty queue is an expected outcome the caller must plan for,
 * exactly as in Python where {@code except Empty:} is the ordinary idiom. Unlike billiard's, the
 * message says which queue and how long the caller waited (BEHAVIOUR row 24).
 */
public class Empty extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an {@code Empty} with a message naming the queue and the wait.
     *
     * @param message what was empty and for how long it was waited on
     */
    public Empty(String message) {
        super(message);
    }
}
