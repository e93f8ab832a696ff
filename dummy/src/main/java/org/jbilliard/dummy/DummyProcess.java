package org.jbilliard.dummy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Task;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;

/**
 * A task run on a thread of this JVM, like a {@code multiprocessing.dummy.Process}. The task is serialized
 * when the process is created and deserialized on its thread, so the task works on copies of what it
 * captured and on new handles of the captured queues, exactly as a child process would: code that passes
 * a test here does not rely on sharing the parent's objects.
 *
 * <p>There are no signals: {@link #terminate()} and {@link #kill()} throw
 * {@link UnsupportedOperationException}. {@link #close()} interrupts a task that is still running and waits
 * for it, as a cancellation would. {@link #pid()} is the pid of this JVM, where the task runs.
 *
 * <p>Thread-safe.
 */
final class DummyProcess implements TaskProcess {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Set while a task is serialized: collects the queues it captured. */
    private static final ThreadLocal<List<QueueCore>> CAPTURING = new ThreadLocal<>();

    private final byte[] serializedTask;
    /** Keeps the captured queues alive until the task has its own handles on them. */
    private volatile List<QueueCore> captured;
    private final ProcessOptions options;
    private final String name;
    private final CountDownLatch done = new CountDownLatch(1);

    private Thread thread;
    private volatile boolean started;
    private volatile Integer exitCode;
    private volatile TaskFailure failure;
    /** The uncaught exception's traceback, kept as the captured standard error when capture was requested. */
    private volatile String tracebackText = "";
    /** Set by close(): a process stopped from outside dies silently, as a terminated child would. */
    private volatile boolean stopping;

    DummyProcess(Task task, ProcessOptions options) {
        Objects.requireNonNull(task, "task");
        this.options = Objects.requireNonNull(options, "options");
        List<QueueCore> cores = new ArrayList<>();
        CAPTURING.set(cores);
        try {
            this.serializedTask = serialize(task);
        } finally {
            CAPTURING.remove();
        }
        this.captured = cores;
        this.name = options.name() != null ? options.name() : "TaskProcess-" + COUNTER.incrementAndGet();
    }

    /** Records a queue handle serialized with a task, so that the queue outlives its other handles. */
    static void captured(QueueCore core) {
        List<QueueCore> cores = CAPTURING.get();
        if (cores != null) {
            cores.add(core);
        }
    }

    private static byte[] serialize(Task task) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the task captures something that is not serializable: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the task cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException(name + " was already started");
        }
        started = true;
        thread = new Thread(this::runTask, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void runTask() {
        int code;
        try {
            Task task;
            try (ObjectInputStream in = new DummyCodec.LoaderAwareInput(new ByteArrayInputStream(serializedTask))) {
                task = (Task) in.readObject();
            } finally {
                captured = null;
            }
            task.run();
            code = 0;
        } catch (Throwable thrown) {
            failure = TaskFailure.copyOf(thrown);
            StringWriter text = new StringWriter();
            try (PrintWriter out = new PrintWriter(text)) {
                out.println("Exception in " + name + ":");
                thrown.printStackTrace(out);
            }
            if (options.captureOutput()) {
                // As a child process's standard error would be captured instead of reaching the console.
                tracebackText = text.toString();
            } else if (!stopping) {
                // As a child process would print its uncaught exception on its standard error.
                System.err.print(text);
            }
            code = 1;
        }
        exitCode = code;
        done.countDown();
    }

    private void requireStarted(String operation) {
        if (!started) {
            throw new IllegalStateException(operation + "() on " + name + ", which was never started");
        }
    }

    @Override
    public void join() throws InterruptedException {
        requireStarted("join");
        done.await();
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        requireStarted("join");
        return done.await(QueueCore.nanos(timeout), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isAlive() {
        return started && done.getCount() > 0;
    }

    @Override
    public OptionalInt exitCode() {
        Integer code = exitCode;
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    @Override
    public OptionalLong pid() {
        return started ? OptionalLong.of(ProcessHandle.current().pid()) : OptionalLong.empty();
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
        throw new UnsupportedOperationException("terminate(): the dummy context does not declare SIGNALS (its tasks"
                + " are threads of this JVM)");
    }

    @Override
    public void kill() {
        requireStarted("kill");
        throw new UnsupportedOperationException("kill(): the dummy context does not declare SIGNALS (its tasks are"
                + " threads of this JVM)");
    }

    @Override
    public Optional<TaskFailure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String capturedStdout() {
        return captured("capturedStdout");
    }

    @Override
    public String capturedStderr() {
        return captured("capturedStderr") + tracebackText;
    }

    private String captured(String operation) {
        if (!options.captureOutput()) {
            throw new IllegalStateException(operation + "(): output capture was not requested for " + name);
        }
        // Threads share System.out: a task's own output cannot be told apart.
        return "";
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (!started || done.getCount() == 0) {
                return;
            }
            running = thread;
        }
        stopping = true;
        running.interrupt();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (done.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DummyProcess[" + name + ", exitCode=" + exitCode() + "]";
    }
}
