package org.jbilliard.benchmarks;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes what a repetition opened, last opened first: processes (killed if still running) before
 * the queues they used.
 *
 * <p>Not thread-safe; one per repetition.
 */
final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /**
     * Registers a resource.
     *
     * @param resource the resource
     * @param <T>      its type
     * @return the resource
     */
    <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Closes everything; a failure is reported on standard error and the rest still closed. */
    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("jbilliard benchmarks: closing " + resource + " failed: " + e);
            }
        }
    }
}
