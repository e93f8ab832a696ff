package org.jbilliard.reference.queue;

/**
 * A time-bounded spin before sleeping in the kernel: waking a sleeping thread costs several
 * microseconds on both sides, while the thing waited for (a feeder's publication, the rest of a
 * frame) usually comes within a few. (No {@code Thread.yield()}: on a busy machine it gives the
 * processor away for a whole scheduler slice.)
 *
 * <p>The budgets are short on purpose. On a machine with few CPUs a spinning waiter takes the CPU
 * from the very thread it waits for (a feeder, the other process). The budgets stay above a
 * ping-pong round trip (about 10 µs), so that a spinning peer still catches the reply; much shorter
 * budgets turn every round trip into futex wake-ups, which cost far more on a busy machine.
 *
 * <p>Not thread-safe: one per waiting call.
 */
final class SpinBudget {

    /** For waits on other processes' next action (items, room, locks). */
    static final long SHORT_NANOS = 20_000;
    /** For waits on an action already under way (publication of a counted item, a frame's rest). */
    static final long LONG_NANOS = 50_000;

    private final long budget;
    private long start;
    private int rounds;

    SpinBudget(long budgetNanos) {
        this.budget = budgetNanos;
    }

    /**
     * Spins once more unless the budget is spent.
     *
     * @return {@code true} if the caller should re-check its condition, {@code false} to go to sleep
     */
    boolean spin() {
        if (rounds == 0) {
            start = System.nanoTime();
        } else if ((rounds & 31) == 0 && System.nanoTime() - start > budget) {
            return false;
        }
        rounds++;
        Thread.onSpinWait();
        return true;
    }

    /** Starts a new budget (after progress). */
    void reset() {
        rounds = 0;
    }
}
