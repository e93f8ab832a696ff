package org.jbilliard;

/**
 * Thrown by every operation on a queue handle after {@code close()} was called on that handle
 * (BEHAVIOUR rows 9 and 16).
 *
 * <p>billiard raises a mixture of {@code AssertionError}, {@code OSError} and
 * {@code AttributeError} here; jbilliard has this one type. It is unchecked because using a closed
 * handle is a programming error, like {@link java.util.concurrent.RejectedExecutionException} for a
 * shut-down executor. Closing is per handle: other handles of the same queue, in this process or
 * others, keep working.
 */
public class QueueClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which queue, and which operation was attempted
     */
    public QueueClosedException(String message) {
        super(message);
    }
}
