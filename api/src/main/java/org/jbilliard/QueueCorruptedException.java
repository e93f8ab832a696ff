package org.jbilliard;

/**
 * Thrown by {@code get} when the bytes read from the queue's transport failed an integrity check
 * (bad magic, impossible length, checksum mismatch) — something other than a queue participant
 * wrote into the transport. The corrupt bytes have been discarded; the queue is usable again and
 * the next {@code get} returns the next intact item. No corrupt item is ever decoded or delivered.
 */
public class QueueCorruptedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was found, where, and how many bytes were discarded
     */
    public QueueCorruptedException(String message) {
        super(message);
    }
}
