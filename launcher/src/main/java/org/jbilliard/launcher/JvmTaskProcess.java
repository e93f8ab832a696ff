package org.jbilliard.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Task;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;

/**
 * A {@link TaskProcess} that runs its task in a child JVM: same {@code java}, same class path,
 * inherited options, main class {@link ChildMain} — a fresh one, or a warm spare
 * ({@link WarmSpares}) that was started with exactly that command and waits for a task. The launch
 * protocol, the exit-code rule and orphan prevention are described in the package documentation.
 *
 * <p>The task is serialized when the handle is created ({@link #create}): an unserializable task is
 * rejected there, and the child runs the task as it was at that moment. From {@code start()} until
 * the child exits, the parent also pins every queue the task captured
 * ({@link LaunchSupport#pinCapturedQueues}), so that closing the parent's handles right after {@code start()} does
 * not remove a queue before the child has attached to it.
 *
 * <p><b>Thread-safety.</b> Thread-safe: every method may be called from any thread. {@link #join()},
 * {@link #join(Duration)} and {@link #close()} block (until the child exits, the timeout elapses, or
 * the child is killed and reaped); the other methods do not block. {@link #start()} blocks only while
 * the launch request is written to the child's standard input, which is at once for tasks smaller
 * than a pipe buffer (64 KiB).
 */
public final class JvmTaskProcess implements TaskProcess {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;

    private final String name;
    private final ProcessOptions options;
    private final byte[] task;
    private final Class<?> taskClass;
    private final LaunchSupport support;
    private final WarmSpares spares;
    private final AtomicLong signalsSent = new AtomicLong();
    private final Object lock = new Object();

    // Guarded by lock.
    private boolean started;
    private boolean finished;
    private int exitCode;
    private Optional<TaskFailure> failure = Optional.empty();
    private boolean fromSpare;
    // Written once under lock in start(), read without it afterwards (volatile publication).
    private volatile Process process;
    private volatile ResultDirectory results;
    private volatile OutputStream control;
    private volatile List<String> command;

    private volatile OutputCapture stdout;
    private volatile OutputCapture stderr;

    private JvmTaskProcess(Task task, ProcessOptions options, LaunchSupport support, WarmSpares spares) {
        this.task = TaskSerialization.serialize(task);
        this.taskClass = task.getClass();
        // NOTE: here, not in start(): a child that cannot load the task would only fail after its
        // start-up, while the parent already waits on a queue for what the task was to put there.
        ChildClassPathCheck.requireLoadable(taskClass, ParentJvm.classPath(taskClass, support.getClass()));
        this.options = options;
        this.support = support;
        this.spares = spares;
        this.name = options.name() != null ? options.name() : "TaskProcess-" + COUNTER.incrementAndGet();
    }

    /**
     * Creates an unstarted process for {@code task}, started cold: a fresh JVM at {@link #start()}.
     *
     * @param task    the task; it and everything it captures must be serializable
     * @param options name, daemon flag, output handling, extra JVM options
     * @param support what the task's context contributes: how captured queues are pinned, start-up hints
     * @return the unstarted process
     * @throws IllegalArgumentException if the task cannot be serialized (the message names the class),
     *                                  or if a child JVM could not load the task's class or jbilliard's
     *                                  from the class path it is given (the message names the class, the
     *                                  class path, and what to do: e.g. under the single-file source
     *                                  launcher or from a Spring Boot nested jar)
     * @throws NullPointerException     if an argument is {@code null}
     */
    public static JvmTaskProcess create(Task task, ProcessOptions options, LaunchSupport support) {
        return create(task, options, support, null);
    }

    /**
     * Creates an unstarted process for {@code task} that {@link #start()} hands to one of
     * {@code spares} if one matches — started with exactly the command a fresh child of these options
     * and this task would get (see {@link WarmSpares}) — and otherwise starts cold.
     *
     * @param task    the task; it and everything it captures must be serializable
     * @param options name, daemon flag, output handling, extra JVM options
     * @param support what the task's context contributes (the same as the pool's)
     * @param spares  the pool to take a spare from, or {@code null} to start cold
     * @return the unstarted process
     * @throws IllegalArgumentException as {@link #create(Task, ProcessOptions, LaunchSupport)}, or if
     *                                  {@code spares} was made for another {@code support}
     * @throws NullPointerException     if {@code task}, {@code options} or {@code support} is {@code null}
     */
    public static JvmTaskProcess create(Task task, ProcessOptions options, LaunchSupport support, WarmSpares spares) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(support, "support");
        if (spares != null && spares.support() != support) {
            throw new IllegalArgumentException("the warm spares " + spares + " belong to another context's launch"
                    + " support (" + spares.support() + ", not " + support + ")");
        }
        return new JvmTaskProcess(task, options, support, spares);
    }

    /**
     * Starts the child JVM, or takes a matching warm spare, and sends it the task, as
     * {@link TaskProcess#start()} describes.
     *
     * @throws IllegalStateException if the process was already started
     * @throws UncheckedIOException  if the JVM cannot be started or the result directory created
     */
    @Override
    public void start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("process " + name + " was already started");
            }
            started = true;
            List<String> command = ChildCommand.build(options, taskClass, support);
            this.command = command;
            String prelude = support.childPrelude(task).orElse("");
            ChildJvm child = spares == null ? null : spares.take(command, options);
            if (child != null) {
                try {
                    // NOTE: first, so that a spare that died just now is replaced by a cold start.
                    new LaunchRequest(name, child.results.path(), task, prelude).writeTo(child.control);
                    fromSpare = true;
                } catch (IOException e) {
                    child.killAndReap();
                    child.results.deleteQuietly();
                    child = null;
                }
            }
            ResultDirectory dir;
            if (child == null) {
                try {
                    child = ChildJvm.spawn(command, options.captureOutput(), name);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the JVM of process " + name + ": " + command.get(0), e);
                }
                // NOTE: the child JVM boots while the parent prepares what the launch request names: the
                // child does nothing with them before it has read the request, which is written last.
                try {
                    dir = ResultDirectory.create();
                } catch (IOException e) {
                    child.killAndReap();
                    throw new UncheckedIOException("cannot create the result directory of process " + name, e);
                }
            } else {
                dir = child.results;
            }
            // NOTE: pinned before start() returns, so that a parent closing its handles right after
            // start() cannot remove a queue the child has yet to attach.
            LaunchSupport.Pins pins = support.pinCapturedQueues(task);
            child.process.onExit().whenComplete((exited, error) -> pins.close());
            results = dir;
            process = child.process;
            control = child.control;
            stdout = child.stdout;
            stderr = child.stderr;
            LiveChildren.add(this);
            if (!fromSpare) {
                try {
                    new LaunchRequest(name, dir.path(), task, prelude).writeTo(control);
                } catch (IOException e) {
                    // The child died before reading its request (e.g. a bad JVM option): its exit code and
                    // its standard error say why.
                }
            }
        }
    }

    /**
     * Whether {@link #start()} handed the task to a warm spare rather than a fresh JVM.
     *
     * @return {@code true} if started from a spare; {@code false} before {@code start()} or if cold
     */
    public boolean startedFromSpare() {
        synchronized (lock) {
            return fromSpare;
        }
    }

    @Override
    public void join() throws InterruptedException {
        requireStarted("join");
        process.waitFor();
        finish();
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        requireStarted("join");
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        if (!process.waitFor(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        finish();
        return true;
    }

    @Override
    public boolean isAlive() {
        Process child = process;
        return child != null && child.isAlive();
    }

    @Override
    public OptionalInt exitCode() {
        if (!hasExited()) {
            return OptionalInt.empty();
        }
        finish();
        synchronized (lock) {
            return OptionalInt.of(exitCode);
        }
    }

    @Override
    public OptionalLong pid() {
        Process child = process;
        return child == null ? OptionalLong.empty() : OptionalLong.of(child.pid());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isDaemon() {
        return options.daemon();
    }

    @Override
    public void terminate() {
        requireStarted("terminate");
        signal(SIGTERM);
    }

    @Override
    public void kill() {
        requireStarted("kill");
        signal(SIGKILL);
    }

    private void signal(int number) {
        Process child = process;
        if (!child.isAlive()) {
            return;
        }
        // NOTE: recorded before sending, so an exit status 128+number is read as this signal.
        signalsSent.getAndAccumulate(1L << number, (a, b) -> a | b);
        // NOTE: through the ProcessHandle, not Process.destroy(): that also closes the child's pipes,
        // so the child would see its parent "gone" (end of standard input) and captured output would
        // lose what the child prints while it shuts down.
        if (number == SIGKILL) {
            child.toHandle().destroyForcibly();
        } else {
            child.toHandle().destroy();
        }
    }

    void terminateQuietly() {
        if (process != null) {
            signal(SIGTERM);
        }
    }

    @Override
    public Optional<TaskFailure> failure() {
        if (!hasExited()) {
            return Optional.empty();
        }
        finish();
        synchronized (lock) {
            return failure;
        }
    }

    @Override
    public String capturedStdout() {
        return captured(stdout, "stdout");
    }

    @Override
    public String capturedStderr() {
        return captured(stderr, "stderr");
    }

    private String captured(OutputCapture capture, String which) {
        if (!options.captureOutput()) {
            throw new IllegalStateException("process " + name + " inherits its " + which
                    + "; ask for capture with ProcessOptions.withCapturedOutput(true)");
        }
        return capture == null ? "" : capture.text();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            signal(SIGKILL);
        }
        awaitExitUninterruptibly(null);
        finish();
    }

    /**
     * Waits for the child, ignoring interrupts (the interrupt status is restored afterwards).
     *
     * @param timeout at most this long, or {@code null} for no bound
     * @return whether the child has exited
     */
    boolean awaitExitUninterruptibly(Duration timeout) {
        Process child = process;
        if (child == null) {
            return true;
        }
        boolean interrupted = false;
        long deadline = timeout == null ? 0 : System.nanoTime() + saturatedNanos(timeout);
        try {
            while (true) {
                try {
                    if (timeout == null) {
                        child.waitFor();
                        return true;
                    }
                    return child.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Once the child has exited: read its records, derive the exit code, release everything. */
    private void finish() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            Process child = process;
            exitCode = ExitCodes.derive(child.exitValue(), results.readShutdown(), signalsSent.get());
            failure = results.readFailure();
            int status = child.exitValue();
            if (failure.isEmpty() && status != 0 && status < 128 && !results.readRunning()) {
                failure = Optional.of(notStarted(status));
            }
            results.deleteQuietly();
            try {
                control.close();
            } catch (IOException e) {
                // the child is gone; nothing to flush
            }
        }
        awaitCapturedOutput();
        LiveChildren.remove(this);
    }

    /** The failure of a child JVM that exited before it could run the task. */
    private TaskFailure notStarted(int status) {
        List<String> line = command;
        int cp = line.indexOf("-cp");
        String classPath = cp >= 0 && cp + 1 < line.size() ? line.get(cp + 1) : "(unknown)";
        return new TaskFailure(IllegalStateException.class.getName(), "the child JVM of process " + name
                + " exited with status " + status + " before it ran the task: it could not start (its standard "
                + "error says why, e.g. an unrecognized JVM option or a main class it cannot load). Its class path: "
                + classPath + "; its command: " + String.join(" ", line), new StackTraceElement[0], null);
    }

    private void awaitCapturedOutput() {
        // The pipes reach end of file when the child exits, unless a grandchild inherited them.
        try {
            if (stdout != null) {
                stdout.awaitEnd(1_000);
                stderr.awaitEnd(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean hasExited() {
        Process child = process;
        return child != null && !child.isAlive();
    }

    private void requireStarted(String operation) {
        if (process == null) {
            throw new IllegalStateException("cannot " + operation + " process " + name + ": it was never started");
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        Process child = process;
        String state = child == null ? "initial" : child.isAlive() ? "started" : "stopped";
        return "JvmTaskProcess[" + name + ", " + state + (child == null ? "" : ", pid=" + child.pid())
                + (options.daemon() ? ", daemon" : "") + "]";
    }
}
