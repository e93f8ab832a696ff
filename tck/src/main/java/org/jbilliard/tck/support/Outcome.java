package org.jbilliard.tck.support;

import java.time.Duration;

/**
 * What a call run by {@link Bounded} did: its value or its exception, how long it took, and whether the
 * calling thread's interrupt status was set when it finished. Immutable.
 *
 * @param <T> the value type
 */
public final class Outcome<T> {
    private final String what;
    private final T value;
    private final Throwable thrown;
    private final long nanos;
    private final boolean interruptedAfter;

    Outcome(String what, T value, Throwable thrown, long nanos, boolean interruptedAfter) {
        this.what = what;
        this.value = value;
        this.thrown = thrown;
        this.nanos = nanos;
        this.interruptedAfter = interruptedAfter;
    }

    /**
     * Returns the value the call returned.
     *
     * @return the value, or {@code null} if it threw
     */
    public T value() {
        return value;
    }

    /**
     * Returns what the call threw.
     *
     * @return the exception, or {@code null} if it returned
     */
    public Throwable thrown() {
        return thrown;
    }

    /**
     * Returns how long the call took, measured around it on its own thread.
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    /**
     * Returns whether the thread's interrupt status was set right after the call.
     *
     * @return the interrupt status after the call
     */
    public boolean interruptedAfter() {
        return interruptedAfter;
    }

    /**
     * Describes the outcome for a failure message.
     *
     * @return e.g. {@code "get() returned 42 after 3 ms"}
     */
    public String describe() {
        String result = thrown == null ? "returned " + Items.describe(value) : "threw " + thrown;
        return what + " " + result + " after " + elapsed().toMillis() + " ms";
    }

    /**
     * Returns whether the call threw an exception of the given type.
     *
     * @param type the expected type
     * @return {@code true} if it did
     */
    public boolean threw(Class<? extends Throwable> type) {
        return type.isInstance(thrown);
    }
}
