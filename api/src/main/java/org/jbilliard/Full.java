package org.jbilliard;

/**
 * Thrown by {@link Queue#putNowait(Object)} and {@link Queue#put(Object, java.time.Duration)} when
 * the queue held {@link Queue#maxsize()} items and no slot became free in time.
 *
 * <p>Corresponds to billiard's {@code queue.Full}. Checked for the same reason as {@link Empty}.
 * When it is thrown, nothing was enqueued: the item, the queue's size and (for a
 * {@link JoinableQueue}) its unfinished-task count are as they were before the call.
 */
public class Full extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a {@code Full} with a message naming the queue and its bound.
     *
     * @param message which queue was full, its {@code maxsize}, and how long the caller waited
     */
    public Full(String message) {
        super(message);
    }
}
