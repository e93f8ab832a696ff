package org.jbilliard.tck.support;

/**
 * A call that may throw anything, e.g. a blocking queue operation.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ThrowingCall<T> {
    /**
     * Runs the call.
     *
     * @return the result
     * @throws Exception whatever the call throws
     */
    T call() throws Exception;
}
