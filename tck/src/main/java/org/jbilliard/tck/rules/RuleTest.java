package org.jbilliard.tck.rules;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;
import org.jbilliard.tck.TckEnvironment;
import org.jbilliard.tck.TckSubject;
import org.jbilliard.tck.support.Bounded;
import org.jbilliard.tck.support.Outcome;
import org.jbilliard.tck.support.Stop;
import org.jbilliard.tck.support.Suspendable;
import org.jbilliard.tck.support.ThrowingCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the TCK's example-based rule tests: the implementation under test, the environment, queues
 * and processes that are released after each test, and assertions that bound every blocking call and
 * explain their failures.
 *
 * <p>Rule tests are instantiated per test method, on the runner's thread.
 */
@ExtendWith(RuleGate.class)
public abstract class RuleTest {

    /** The implementation under test. */
    protected final Context ctx = TckSubject.context();
    /** Timeouts and tolerances. */
    protected final TckEnvironment env = TckEnvironment.current();

    private final List<AutoCloseable> queues = new ArrayList<>();
    private final List<TaskProcess> processes = new ArrayList<>();

    /** Creates the test. */
    protected RuleTest() {
    }

    /** Closes every process (killing it if still running) and then every queue handle of the test. */
    @AfterEach
    void release() {
        for (TaskProcess process : processes) {
            Bounded.outcome("close() of " + process.name(), env.operationLimit().multipliedBy(2), () -> {
                process.close();
                return null;
            });
        }
        for (AutoCloseable queue : queues) {
            try {
                queue.close();
            } catch (Exception e) {
                // A broken close is reported by the close rules, not here.
            }
        }
    }

    /**
     * Returns whether the implementation declares a feature.
     *
     * @param feature the feature
     * @return whether it is declared
     */
    protected boolean has(Feature feature) {
        return ctx.supports(feature);
    }

    /**
     * Creates a queue that is closed after the test.
     *
     * @param <T>     item type
     * @param maxsize the bound
     * @return the queue
     */
    protected <T> Queue<T> queue(int maxsize) {
        return track(ctx.queue(maxsize));
    }

    /**
     * Creates a joinable queue that is closed after the test.
     *
     * @param <T>     item type
     * @param maxsize the bound
     * @return the queue
     */
    protected <T> JoinableQueue<T> joinable(int maxsize) {
        return track(ctx.joinableQueue(maxsize));
    }

    /**
     * Creates a simple queue that is closed after the test.
     *
     * @param <T> item type
     * @return the queue
     */
    protected <T> SimpleQueue<T> simple() {
        return track(ctx.simpleQueue());
    }

    /**
     * Registers a queue handle to be closed after the test.
     *
     * @param <Q>   the handle type
     * @param queue the handle
     * @return the handle
     */
    protected <Q extends AutoCloseable> Q track(Q queue) {
        queues.add(queue);
        return queue;
    }

    /**
     * Creates an unstarted process that is closed after the test.
     *
     * @param task the task
     * @return the process
     */
    protected TaskProcess process(Task task) {
        return process(task, ProcessOptions.defaults());
    }

    /**
     * Creates an unstarted process with options that is closed after the test.
     *
     * @param task    the task
     * @param options the options
     * @return the process
     */
    protected TaskProcess process(Task task, ProcessOptions options) {
        TaskProcess process = ctx.process(task, options);
        processes.add(process);
        return process;
    }

    /**
     * Creates and starts a process.
     *
     * @param task the task
     * @return the started process
     */
    protected TaskProcess started(Task task) {
        TaskProcess process = process(task);
        process.start();
        return process;
    }

    /**
     * Takes the next item that was put before this call, through {@code get(operationLimit)}. Rules other
     * than the visibility rules deliberately do not depend on {@link Feature#IMMEDIATE_VISIBILITY}, so that
     * a visibility defect is reported once, by Q-VISIBLE-01, and not by every rule that reads an item.
     *
     * @param <T>   item type
     * @param queue the queue
     * @return the item
     */
    protected <T> T take(Queue<T> queue) {
        java.time.Duration wait = env.operationLimit();
        Outcome<T> outcome = Bounded.outcome("get(" + wait.toMillis() + " ms) of an item put before",
                wait.plus(env.operationLimit()), () -> queue.get(wait));
        if (outcome.thrown() != null) {
            throw new AssertionError("expected " + outcome.describe().replaceFirst(" threw", " to return an item, but"
                    + " it threw"), outcome.thrown());
        }
        return outcome.value();
    }

    /**
     * Asserts that no item is left: {@code get(timeoutUnderTest)} raises {@link org.jbilliard.Empty}.
     *
     * @param queue the queue
     * @param why   what would explain a leftover item
     */
    protected void assertNoMoreItems(Queue<?> queue, String why) {
        java.time.Duration wait = env.timeoutUnderTest();
        Outcome<?> outcome = Bounded.outcome("get(" + wait.toMillis() + " ms)", wait.plus(env.operationLimit()),
                () -> queue.get(wait));
        if (!outcome.threw(org.jbilliard.Empty.class)) {
            throw new AssertionError("expected no item to be left (" + why + "), but " + outcome.describe(),
                    outcome.thrown());
        }
    }

    /**
     * The key of a report entry ({@code TestReporter.publishEntry(EVIDENCE, text)}) that says what a passing
     * rule's test actually exercised (e.g. how many of its sampled kills hit the window it is about); the
     * progress line, the reports and the JUnit summary carry it.
     */
    public static final String EVIDENCE = "jbilliard.evidence";

    /**
     * Runs a call that must complete promptly, cut off after {@link TckEnvironment#operationLimit()}.
     *
     * @param <T>  result type
     * @param what the call, for messages
     * @param call the call
     * @return its value
     * @throws AssertionError if the call threw or did not return in time
     */
    protected <T> T within(String what, ThrowingCall<T> call) {
        Outcome<T> outcome = Bounded.outcome(what, env.operationLimit(), call);
        if (outcome.thrown() != null) {
            throw new AssertionError("expected " + what + " to succeed, but it "
                    + outcome.describe().substring(what.length() + 1), outcome.thrown());
        }
        return outcome.value();
    }

    /**
     * Runs a call, cut off after {@link TckEnvironment#operationLimit()}, and returns what it did.
     *
     * @param <T>  result type
     * @param what the call, for messages
     * @param call the call
     * @return the outcome
     */
    protected <T> Outcome<T> outcome(String what, ThrowingCall<T> call) {
        return Bounded.outcome(what, env.operationLimit(), call);
    }

    /**
     * Asserts that a call throws the given exception promptly.
     *
     * @param <X>      exception type
     * @param expected the exception type
     * @param what     the call, for messages
     * @param call     the call
     * @return the exception
     */
    protected <X extends Throwable> X assertThrowsPromptly(Class<X> expected, String what, ThrowingCall<?> call) {
        Outcome<?> outcome = outcome(what, call);
        if (!outcome.threw(expected)) {
            throw new AssertionError("expected " + what + " to throw " + expected.getSimpleName() + ", but it "
                    + outcome.describe().substring(what.length() + 1), outcome.thrown());
        }
        return expected.cast(outcome.thrown());
    }

    /**
     * Asserts that a call throws the given exception without waiting: within {@link TckEnvironment#atOnce()}.
     * A call that took longer is repeated (it threw, so it changed nothing) up to {@value #ATTEMPTS} times in
     * all, and fails only if every attempt took longer: one descheduling of the caller is not a defect, a
     * call that waits for something is slow every time.
     *
     * @param <X>      exception type
     * @param expected the exception type
     * @param what     the call, for messages
     * @param call     the call
     * @return the exception
     */
    protected <X extends Throwable> X assertThrowsAtOnce(Class<X> expected, String what, ThrowingCall<?> call) {
        Duration fastest = null;
        for (int attempt = 1; ; attempt++) {
            Outcome<?> outcome = outcome(what, call);
            if (!outcome.threw(expected)) {
                throw new AssertionError("expected " + what + " to throw " + expected.getSimpleName() + " at once,"
                        + " but it " + outcome.describe().substring(what.length() + 1), outcome.thrown());
            }
            if (outcome.elapsed().compareTo(env.atOnce()) <= 0) {
                return expected.cast(outcome.thrown());
            }
            fastest = fastest == null || outcome.elapsed().compareTo(fastest) < 0 ? outcome.elapsed() : fastest;
            if (attempt == ATTEMPTS) {
                throw new AssertionError(what + " threw " + expected.getSimpleName() + " only after "
                        + fastest.toMillis() + " ms (the fastest of " + ATTEMPTS + " attempts); it must not wait:"
                        + " a call that does not wait returns within " + env.atOnce().toMillis() + " ms");
            }
        }
    }

    /** How often a timing assertion tries a call whose duration was out of bounds before it fails. */
    protected static final int ATTEMPTS = 3;

    /**
     * Runs a timed call that must expire and asserts the lower and upper bounds of its duration: not before
     * {@code timeout}, not after {@code timeout} + {@link TckEnvironment#timeoutOverrun()}. A call that
     * overran the upper bound is repeated (its expiry changed nothing) up to {@value #ATTEMPTS} times in all,
     * and fails only if every attempt overran; an early expiry fails at once.
     *
     * @param expected what the expiry throws ({@code null} if it returns normally)
     * @param what     the call, for messages
     * @param timeout  the timeout handed to the call
     * @param call     the call
     * @return the outcome
     */
    protected Outcome<?> assertExpires(Class<? extends Throwable> expected, String what, Duration timeout,
                                      ThrowingCall<?> call) {
        Duration limit = timeout.plus(env.timeoutOverrun()).plus(env.operationLimit());
        Duration latest = timeout.plus(env.timeoutOverrun());
        Duration fastest = null;
        for (int attempt = 1; ; attempt++) {
            Outcome<?> outcome = Bounded.outcome(what, limit, call);
            if (expected != null && !outcome.threw(expected)) {
                throw new AssertionError("expected " + what + " to throw " + expected.getSimpleName()
                        + " after its timeout of " + timeout.toMillis() + " ms, but it "
                        + outcome.describe().substring(what.length() + 1), outcome.thrown());
            }
            if (expected == null && outcome.thrown() != null) {
                throw new AssertionError(outcome.describe(), outcome.thrown());
            }
            Duration earliest = timeout.minus(env.clockGranularity());
            if (outcome.elapsed().compareTo(earliest) < 0) {
                throw new AssertionError(what + " gave up after " + outcome.elapsed().toMillis() + " ms, before its"
                        + " timeout of " + timeout.toMillis() + " ms: the timeout is not honoured (lower bound)");
            }
            if (outcome.elapsed().compareTo(latest) <= 0) {
                return outcome;
            }
            fastest = fastest == null || outcome.elapsed().compareTo(fastest) < 0 ? outcome.elapsed() : fastest;
            if (attempt == ATTEMPTS) {
                throw new AssertionError(what + " returned after " + fastest.toMillis() + " ms (the fastest of "
                        + ATTEMPTS + " attempts), later than its timeout of " + timeout.toMillis() + " ms plus the"
                        + " allowed overrun of " + env.timeoutOverrun().toMillis() + " ms (upper bound)");
            }
        }
    }

    /**
     * Returns whether the TCK can stop {@code process} (and continue it) to make it a stalled participant:
     * with {@code SIGSTOP} by pid for implementations declaring {@link Feature#CROSS_PROCESS} and
     * {@link Feature#SIGNALS} on Linux, or through {@link Suspendable}.
     *
     * @param process the process
     * @return whether it can be stopped
     */
    protected boolean canStop(TaskProcess process) {
        return has(Feature.SIGNALS) && (process instanceof Suspendable
                || (has(Feature.CROSS_PROCESS) && Stop.unavailableReason() == null));
    }

    /**
     * Stops a started process; close the result to continue it.
     *
     * @param process the process
     * @return the stop
     */
    protected Stop stop(TaskProcess process) {
        return Stop.stop(process, env.operationLimit());
    }

    /**
     * The size of the "large item" of the stalled-participant rules: 8 MiB (more than any pipe holds, so a
     * writer stopped while writing it is stopped mid-item), or less where {@link Context#maxItemBytes()} is
     * smaller.
     *
     * @return the size in bytes
     */
    protected int largeItemSize() {
        return Math.max(1024, Math.min(8 << 20, ctx.maxItemBytes() - (64 << 10)));
    }

    /**
     * Asserts that a call that must not wait returns within {@link TckEnvironment#atOnce()}, with a value or
     * by throwing {@code allowed}. Retried as {@link #assertThrowsAtOnce} is, but only while it throws
     * {@code allowed} (a call that returned a value took an item).
     *
     * @param <T>     result type
     * @param allowed the exception that is an acceptable answer, e.g. {@link org.jbilliard.Empty}
     * @param what    the call, for messages
     * @param call    the call
     * @return the outcome
     */
    protected <T> Outcome<T> assertAnswersAtOnce(Class<? extends Throwable> allowed, String what,
                                                 ThrowingCall<T> call) {
        Duration fastest = null;
        for (int attempt = 1; ; attempt++) {
            Outcome<T> outcome = outcome(what, call);
            if (outcome.thrown() != null && !outcome.threw(allowed)) {
                throw new AssertionError("expected " + what + " to return or throw " + allowed.getSimpleName()
                        + " at once, but it " + outcome.describe().substring(what.length() + 1), outcome.thrown());
            }
            if (outcome.elapsed().compareTo(env.atOnce()) <= 0) {
                return outcome;
            }
            fastest = fastest == null || outcome.elapsed().compareTo(fastest) < 0 ? outcome.elapsed() : fastest;
            if (outcome.thrown() == null || attempt == ATTEMPTS) {
                throw new AssertionError(what + " took " + fastest.toMillis() + " ms"
                        + (attempt > 1 ? " (the fastest of " + attempt + " attempts)" : "") + "; it must not wait:"
                        + " a call that does not wait returns within " + env.atOnce().toMillis() + " ms");
            }
        }
    }

    /**
     * Asserts that a timed call keeps its deadline: it returns a value, or throws {@code expiry} no earlier
     * than {@code timeout}, and either way no later than {@code timeout} + {@link TckEnvironment#timeoutOverrun()}.
     *
     * @param <T>     result type
     * @param expiry  what the call throws when its timeout expires
     * @param what    the call, for messages
     * @param timeout the call's timeout
     * @param call    the call
     * @return the outcome
     */
    protected <T> Outcome<T> assertKeepsDeadline(Class<? extends Throwable> expiry, String what, Duration timeout,
                                                 ThrowingCall<T> call) {
        Outcome<T> outcome = Bounded.outcome(what, timeout.plus(env.operationLimit()), call);
        if (outcome.thrown() != null && !outcome.threw(expiry)) {
            throw new AssertionError("expected " + what + " to return or throw " + expiry.getSimpleName()
                    + ", but it " + outcome.describe().substring(what.length() + 1), outcome.thrown());
        }
        if (outcome.thrown() != null && outcome.elapsed().compareTo(timeout.minus(env.clockGranularity())) < 0) {
            throw new AssertionError(what + " gave up after " + outcome.elapsed().toMillis() + " ms, before its"
                    + " timeout of " + timeout.toMillis() + " ms (lower bound)");
        }
        Duration latest = timeout.plus(env.timeoutOverrun());
        if (outcome.elapsed().compareTo(latest) > 0) {
            throw new AssertionError(what + " returned after " + outcome.elapsed().toMillis() + " ms, later than its"
                    + " timeout of " + timeout.toMillis() + " ms plus the allowed overrun of "
                    + env.timeoutOverrun().toMillis() + " ms: its deadline was not kept (upper bound)");
        }
        return outcome;
    }

    /**
     * Starts a call that must block, interrupts it and asserts java.util.concurrent semantics:
     * {@link InterruptedException}, promptly, with the interrupt status cleared.
     *
     * @param what the call, for messages
     * @param call the call; it must block until interrupted
     */
    protected void assertInterruptible(String what, ThrowingCall<?> call) {
        Bounded running = Bounded.start(what, call).awaitBlocked(env.settle());
        if (running.isFinished()) {
            Outcome<Object> early = running.await(env.operationLimit());
            throw new AssertionError(what + " should have blocked, but it " + early.describe().substring(what.length() + 1),
                    early.thrown());
        }
        running.interrupt();
        Outcome<Object> outcome;
        try {
            outcome = running.await(env.operationLimit());
        } catch (AssertionError e) {
            throw new AssertionError(what + " ignored the interrupt: " + e.getMessage(), e);
        }
        if (!outcome.threw(InterruptedException.class)) {
            throw new AssertionError("interrupting " + what + " should make it throw InterruptedException, but it "
                    + outcome.describe().substring(what.length() + 1), outcome.thrown());
        }
        if (outcome.interruptedAfter()) {
            throw new AssertionError(what + " threw InterruptedException but left the interrupt status set;"
                    + " java.util.concurrent clears it when throwing");
        }
    }

    /**
     * Waits for a process to exit and asserts that it succeeded, quoting its failure otherwise.
     *
     * @param process the process
     * @throws Exception if interrupted
     */
    protected void assertSucceeds(TaskProcess process) throws Exception {
        boolean exited = Bounded.call("join of " + process.name(), env.scenarioLimit().plusSeconds(1),
                () -> process.join(env.scenarioLimit()));
        if (!exited) {
            throw new AssertionError(process.name() + " did not finish within " + env.scenarioLimit().toSeconds()
                    + " s");
        }
        if (process.exitCode().orElse(Integer.MIN_VALUE) != 0) {
            String code = process.exitCode().isPresent() ? String.valueOf(process.exitCode().getAsInt()) : "no exit code";
            throw new AssertionError(process.name() + " exited with " + code + describeFailure(process));
        }
    }

    /**
     * Describes a process's failure with its remote stack trace.
     *
     * @param process the process
     * @return text starting with "; its failure: …", or empty
     */
    protected static String describeFailure(TaskProcess process) {
        return process.failure().map(failure -> {
            StringWriter text = new StringWriter();
            failure.printStackTrace(new PrintWriter(text));
            return "; its failure: " + text;
        }).orElse("");
    }
}
