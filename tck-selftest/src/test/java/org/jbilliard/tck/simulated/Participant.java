package org.jbilliard.tck.simulated;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jbilliard.Empty;

/**
 * One simulated process: the thread its task runs on, the simulated signal that killed it and whether it
 * is stopped. The queue decorators of {@link SimulatedContext} consult the participant of the calling
 * thread ({@link #current()}, none in the parent) at each operation: a killed one throws
 * {@link SimulatedKill}, a stopped one parks until it is continued.
 *
 * <p>Thread-safe: the fields are volatile; {@link #suspension} guards the stop/continue hand-over.
 */
final class Participant {

    /** How long one slice of a stoppable get waits before it looks at the stop flag again. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final AtomicLong IDS = new AtomicLong();
    /** Participants whose task has not finished, by id: how a deserialized task finds its own. */
    private static final Map<Long, Participant> LIVE = new ConcurrentHashMap<>();
    private static final ThreadLocal<Participant> CURRENT = new ThreadLocal<>();

    final long id = IDS.incrementAndGet();
    private final Object suspension = new Object();
    private volatile Thread thread;
    private volatile int killSignal;
    private volatile boolean suspended;
    /** Set when the task ended by an exception while killed: its exit code is then minus the signal. */
    private volatile boolean diedOfSignal;

    Participant() {
        LIVE.put(id, this);
    }

    static Participant byId(long id) {
        Participant participant = LIVE.get(id);
        if (participant == null) {
            throw new IllegalStateException("no simulated process " + id + " (already finished or closed)");
        }
        return participant;
    }

    /** @return the participant the calling thread runs, or {@code null} in the parent */
    static Participant current() {
        return CURRENT.get();
    }

    /** Runs on the task's thread around the task. */
    void bind() {
        thread = Thread.currentThread();
        CURRENT.set(this);
        if (killSignal != 0) {
            thread.interrupt();
        }
    }

    void unbind() {
        CURRENT.remove();
        LIVE.remove(id);
    }

    void forget() {
        LIVE.remove(id);
    }

    /** Marks the participant killed and unwinds its thread from the wait it is in. */
    void signal(int signal) {
        if (killSignal != 0) {
            return;
        }
        killSignal = signal;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        synchronized (suspension) {
            suspension.notifyAll();
        }
    }

    int killSignal() {
        return killSignal;
    }

    void diedOfSignal() {
        diedOfSignal = true;
    }

    boolean hasDiedOfSignal() {
        return diedOfSignal;
    }

    void suspend() {
        suspended = true;
    }

    void resume() {
        synchronized (suspension) {
            suspended = false;
            suspension.notifyAll();
        }
    }

    /** Parks while stopped; a stopped process does not react to an interrupt until it is continued. */
    private void awaitResumed() {
        boolean interrupted = false;
        synchronized (suspension) {
            while (suspended && killSignal == 0) {
                try {
                    suspension.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkKilled() {
        if (killSignal != 0) {
            throw new SimulatedKill(killSignal);
        }
    }

    // ------------------------------------------------------------------ hooks for the queue decorators

    /** Called at the start of every queue operation: parks a stopped participant, unwinds a killed one. */
    static void enter() {
        Participant p = CURRENT.get();
        if (p != null) {
            p.awaitResumed();
            p.checkKilled();
        }
    }

    /** As {@link #enter()}, for mutants that stand for a participant stopped half-way through an operation. */
    static void stopPoint() {
        Participant p = CURRENT.get();
        if (p != null) {
            p.awaitResumed();
        }
    }

    /** A blocking queue call that may also throw {@code X}. */
    interface Call<R, X extends Exception> {
        R call() throws InterruptedException, X;
    }

    /** A bounded get. */
    interface TimedGet<R> {
        R call(Duration timeout) throws InterruptedException, Empty;
    }

    /** Runs a blocking call; an interrupt that a kill sent unwinds as {@link SimulatedKill}. */
    static <R, X extends Exception> R blocking(Call<R, X> call) throws InterruptedException, X {
        enter();
        try {
            return call.call();
        } catch (InterruptedException e) {
            enter();
            throw e;
        }
    }

    /** A get without a deadline; in a participant it waits in slices, see {@link #get(TimedGet, long)}. */
    static <R> R get(Call<R, RuntimeException> untimed, TimedGet<R> sliced) throws InterruptedException {
        if (CURRENT.get() == null) {
            return untimed.call();
        }
        try {
            return get(sliced, -1);
        } catch (Empty e) {
            throw new AssertionError("a get without a deadline gave up", e);
        }
    }

    /** A get that waits up to {@code timeout}; in a participant it waits in slices, see {@link #get(TimedGet, long)}. */
    static <R> R get(TimedGet<R> get, Duration timeout) throws InterruptedException, Empty {
        if (CURRENT.get() == null) {
            return get.call(timeout);
        }
        return get(get, Math.max(0, timeout.toNanos()));
    }

    /**
     * Waits in slices and takes nothing while the participant is stopped, as a stopped reader would not;
     * {@code nanos < 0}: no deadline.
     */
    private static <R> R get(TimedGet<R> get, long nanos) throws InterruptedException, Empty {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        while (true) {
            enter();
            long left = nanos < 0 ? SLICE_NANOS : deadline - System.nanoTime();
            try {
                return get.call(Duration.ofNanos(Math.max(0, Math.min(SLICE_NANOS, left))));
            } catch (Empty e) {
                if (nanos >= 0 && deadline - System.nanoTime() <= 0) {
                    throw e;
                }
            } catch (InterruptedException e) {
                enter();
                throw e;
            }
        }
    }
}
