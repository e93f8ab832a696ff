package org.jbilliard.benchmarks;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds a blocking repetition that has calls without a timeout (SimpleQueue.get): interrupts the
 * thread that armed it when the deadline passes.
 *
 * <p>Arm and close from the same thread. {@link #close()} disarms it and clears an interrupt that it
 * delivered itself, so a late firing cannot leak into the next repetition.
 */
final class Watchdog implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jbilliard-bench-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> alarm;

    /**
     * Arms a watchdog for the calling thread.
     *
     * @param timeout when to interrupt it
     */
    Watchdog(Duration timeout) {
        Thread owner = Thread.currentThread();
        alarm = TIMER.schedule(() -> {
            fired.set(true);
            owner.interrupt();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Returns whether the deadline passed.
     *
     * @return {@code true} once it fired
     */
    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        if (!alarm.cancel(false)) {
            // NOTE: the alarm ran or is running: wait until its interrupt has been delivered, then
            // clear it; clearing first could let it land afterwards.
            while (!alarm.isDone()) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
        }
    }
}
