package org.jbilliard.tck.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a call that might block on a thread of its own, so that the test keeps control: a call that does
 * not return in time fails the rule with a message saying which call hung, instead of hanging the run.
 *
 * <p>A cut-off call is interrupted and abandoned (its daemon thread may linger if the implementation
 * ignores interrupts). Thread-safe: every call gets a fresh thread.
 */
public final class Bounded {

    private final String what;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Outcome<Object> outcome;

    private <T> Bounded(String what, ThrowingCall<T> call) {
        this.what = what;
        this.thread = new Thread(() -> {
            long start = System.nanoTime();
            Object value = null;
            Throwable thrown = null;
            try {
                value = call.call();
            } catch (Throwable t) {
                thrown = t;
            }
            long nanos = System.nanoTime() - start;
            outcome = new Outcome<>(what, value, thrown, nanos, Thread.currentThread().isInterrupted());
            finished.countDown();
        }, "tck: " + what);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a call on its own thread and returns at once.
     *
     * @param what a description of the call for messages, e.g. {@code "get() on an empty queue"}
     * @param call the call
     * @return the running call
     */
    public static Bounded start(String what, ThrowingCall<?> call) {
        Bounded bounded = new Bounded(what, call);
        bounded.thread.start();
        return bounded;
    }

    /**
     * Runs a call and returns its outcome, failing if it does not finish within {@code limit}.
     *
     * @param <T>   the result type
     * @param what  a description of the call
     * @param limit the cut-off
     * @param call  the call
     * @return the outcome (value or exception)
     * @throws AssertionError if the call did not finish in time
     */
    @SuppressWarnings("unchecked")
    public static <T> Outcome<T> outcome(String what, Duration limit, ThrowingCall<T> call) {
        return (Outcome<T>) start(what, call).await(limit);
    }

    /**
     * Runs a call and returns its value, rethrowing its exception, failing if it does not finish within
     * {@code limit}.
     *
     * @param <T>   the result type
     * @param what  a description of the call
     * @param limit the cut-off
     * @param call  the call
     * @return the value
     * @throws Exception      what the call threw
     * @throws AssertionError if the call did not finish in time
     */
    public static <T> T call(String what, Duration limit, ThrowingCall<T> call) throws Exception {
        Outcome<T> outcome = outcome(what, limit, call);
        Throwable thrown = outcome.thrown();
        if (thrown instanceof Exception) {
            throw (Exception) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        return outcome.value();
    }

    /**
     * Waits for the call to finish.
     *
     * @param limit how long to wait
     * @return the outcome
     * @throws AssertionError if the call did not finish in time (the call is then interrupted)
     */
    public Outcome<Object> await(Duration limit) {
        if (!awaitQuietly(limit)) {
            StackTraceElement[] stack = thread.getStackTrace();
            thread.interrupt();
            throw new AssertionError(what + " did not return within " + limit.toMillis()
                    + " ms (cut off by the TCK; time factor can be raised with -Djbilliard.tck.timeFactor);"
                    + " it was blocked at " + topFrames(stack));
        }
        return outcome;
    }

    /**
     * Waits for the call to finish, without failing.
     *
     * @param limit how long to wait
     * @return whether it finished
     */
    public boolean awaitQuietly(Duration limit) {
        try {
            return finished.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("the TCK was interrupted while waiting for " + what, e);
        }
    }

    /**
     * Returns whether the call has finished.
     *
     * @return {@code true} once it returned or threw
     */
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /**
     * Waits until the call's thread is parked, blocked or waiting (it has entered its blocking call), or
     * until {@code settle} elapsed (an implementation blocked in native code looks runnable).
     *
     * @param settle the longest wait
     * @return this
     */
    public Bounded awaitBlocked(Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline && !isFinished()) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED) {
                return this;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return this;
    }

    /** Interrupts the call's thread. */
    public void interrupt() {
        thread.interrupt();
    }

    private static String topFrames(StackTraceElement[] stack) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(6, stack.length); i++) {
            text.append(i == 0 ? "" : " <- ").append(stack[i]);
        }
        return text.length() == 0 ? "(no stack)" : text.toString();
    }
}
