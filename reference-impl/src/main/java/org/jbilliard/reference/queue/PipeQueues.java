package org.jbilliard.reference.queue;

import org.jbilliard.Codec;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;

/**
 * Creates and attaches pipe-based queues. The single entry point the context uses.
 */
public final class PipeQueues {

    private PipeQueues() {
    }

    /**
     * Creates a queue.
     *
     * @param <T>     item type
     * @param maxsize bound, zero or negative for unbounded
     * @param codec   codec
     * @return the queue
     */
    public static <T> Queue<T> create(int maxsize, Codec codec) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Creates a joinable queue.
     *
     * @param <T>     item type
     * @param maxsize bound, zero or negative for unbounded
     * @param codec   codec
     * @return the queue
     */
    public static <T> JoinableQueue<T> createJoinable(int maxsize, Codec codec) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Creates a simple queue.
     *
     * @param <T>   item type
     * @param codec codec
     * @return the queue
     */
    public static <T> SimpleQueue<T> createSimple(Codec codec) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Attaches to a queue.
     *
     * @param <T>     item type
     * @param address address
     * @return the queue
     */
    public static <T> Queue<T> attach(String address) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Attaches to a joinable queue.
     *
     * @param <T>     item type
     * @param address address
     * @return the queue
     */
    public static <T> JoinableQueue<T> attachJoinable(String address) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Attaches to a simple queue.
     *
     * @param <T>     item type
     * @param address address
     * @return the queue
     */
    public static <T> SimpleQueue<T> attachSimple(String address) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Largest encoded item accepted.
     *
     * @return bytes
     */
    public static int maxItemBytes() {
        return 1 << 30;
    }

    /** Removes queue directories left behind by processes that no longer exist. */
    public static void removeStale() {
    }
}
