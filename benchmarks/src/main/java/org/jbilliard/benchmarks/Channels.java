package org.jbilliard.benchmarks;

import java.io.Serializable;

/**
 * Serializable views of queue operations, so one child task body serves Queue, SimpleQueue and
 * JoinableQueue (which share no interface for put and get). Built in the parent as lambdas over a
 * queue handle; they travel to the child with the task.
 */
final class Channels {

    private Channels() {
    }

    /** Puts one item. */
    @FunctionalInterface
    interface Sink extends Serializable {
        /**
         * Puts an item.
         *
         * @param item the item, possibly {@code null}
         * @throws Exception what the queue throws
         */
        void put(Object item) throws Exception;
    }

    /** Takes one item (for a JoinableQueue: get, then taskDone). */
    @FunctionalInterface
    interface Source extends Serializable {
        /**
         * Takes an item.
         *
         * @return the item, possibly {@code null}
         * @throws Exception what the queue throws
         */
        Object take() throws Exception;
    }

    /** An action on a queue, e.g. JoinableQueue.join. */
    @FunctionalInterface
    interface Action extends Serializable {
        /**
         * Runs the action.
         *
         * @throws Exception what the queue throws
         */
        void run() throws Exception;
    }
}
