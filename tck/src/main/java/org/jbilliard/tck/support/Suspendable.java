package org.jbilliard.tck.support;

/**
 * A {@link org.jbilliard.TaskProcess} that can be stopped and continued without signals, for
 * implementations whose processes are not operating-system processes (the TCK's own self-test simulates
 * processes on threads). The stalled-participant rules use it instead of {@code SIGSTOP}/{@code SIGCONT}
 * when the process under test implements it; a real cross-process implementation has no reason to.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Suspendable {

    /** Stops the process where it is, as {@code SIGSTOP} would: it runs no code until {@link #resume()}. */
    void suspend();

    /** Lets a stopped process run again, as {@code SIGCONT} would. */
    void resume();
}
