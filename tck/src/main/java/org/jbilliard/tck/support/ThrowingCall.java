package org.jbilliard.tck.support;

/**
 * A call that may throw anything, e.g. a blocking queue operation. Implementations decide their own
 * thread-safety; {@link Bounded} runs each call on a thread of its own.
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
