package org.jbilliard.tck.threaded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
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
import org.jbilliard.tck.support.Suspendable;

/**
 * A task run on a thread of this JVM. The task is serialized when the process is created and
 * deserialized on its thread, so the task works on copies of what it captured and on new handles of the
 * captured queues, exactly as a child process would.
 *
 * <p>With simulated signals, {@link #kill()} and {@link #terminate()} mark the process and interrupt its
 * thread; the task unwinds at its next queue operation or from the queue wait it is blocked in, with exit
 * code {@code -9} or {@code -15}. A task spinning without touching a queue cannot be killed. With simulated
 * signals the process is also {@link Suspendable}, for the TCK's stalled-participant rules: a suspended
 * task stops at its next queue operation, and a get it is blocked in takes nothing until it is resumed
 * (it gives up the queue's lock meanwhile, as a stopped reader of a lock-free wait would).
 *
 * <p>Thread-safe.
 */
final class ThreadedProcess implements TaskProcess, Suspendable {

    private static final ThreadLocal<ThreadedProcess> CURRENT = new ThreadLocal<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final byte[] serializedTask;
    private final ProcessOptions options;
    private final String name;
    private final boolean signals;
    private final CountDownLatch done = new CountDownLatch(1);

    private Thread thread;
    private volatile boolean started;
    private volatile int killSignal;
    private volatile Integer exitCode;
    private volatile TaskFailure failure;
    private final Object suspension = new Object();
    private volatile boolean suspended;

    ThreadedProcess(Task task, ProcessOptions options, boolean signals) {
        this.serializedTask = serialize(Objects.requireNonNull(task, "task"));
        this.options = Objects.requireNonNull(options, "options");
        this.name = options.name() != null ? options.name() : "TaskProcess-" + COUNTER.incrementAndGet();
        this.signals = signals;
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

    /** Throws {@link SimulatedKill} if the calling thread runs a process that was killed. */
    static void checkpoint() {
        ThreadedProcess current = CURRENT.get();
        if (current != null && current.killSignal != 0) {
            throw new SimulatedKill(current.killSignal);
        }
    }

    /**
     * Parks the calling thread while the process it runs is suspended, as a stopped process runs no code.
     * Called where the thread holds no lock of a queue core: at the start of each queue operation and when
     * a waiting get is woken.
     */
    static void stopPoint() {
        ThreadedProcess current = CURRENT.get();
        if (current != null) {
            current.awaitResumed();
        }
    }

    /** @return whether the calling thread runs a process that is suspended */
    static boolean isSuspended() {
        ThreadedProcess current = CURRENT.get();
        return current != null && current.suspended && current.killSignal == 0;
    }

    private void awaitResumed() {
        boolean interrupted = false;
        synchronized (suspension) {
            while (suspended && killSignal == 0) {
                try {
                    suspension.wait();
                } catch (InterruptedException e) {
                    // A stopped process does not react until it is continued (or killed): keep the status.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Simulates SIGSTOP: the task's thread stops at its next queue operation, or where a get it is blocked in
     * is woken, until {@link #resume()} or a kill. Only with simulated signals.
     */
    @Override
    public void suspend() {
        requireStarted("suspend");
        if (!signals) {
            throw new UnsupportedOperationException("suspend(): the threaded context does not declare SIGNALS");
        }
        suspended = true;
    }

    /** Simulates SIGCONT. */
    @Override
    public void resume() {
        synchronized (suspension) {
            suspended = false;
            suspension.notifyAll();
        }
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
        CURRENT.set(this);
        int code;
        try {
            Task task;
            try (ObjectInputStream in = new ThreadedCodec.LoaderAwareInput(new ByteArrayInputStream(serializedTask))) {
                task = (Task) in.readObject();
            }
            task.run();
            code = 0;
        } catch (SimulatedKill kill) {
            code = -kill.signal;
        } catch (Throwable thrown) {
            if (killSignal != 0) {
                code = -killSignal;
            } else {
                failure = TaskFailure.copyOf(thrown);
                System.err.println("Exception in " + name + ":");
                thrown.printStackTrace();
                code = 1;
            }
        } finally {
            CURRENT.remove();
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
        signal(15, "terminate");
    }

    @Override
    public void kill() {
        signal(9, "kill");
    }

    private synchronized void signal(int signal, String operation) {
        requireStarted(operation);
        if (!signals) {
            throw new UnsupportedOperationException(operation + "(): the threaded context does not declare SIGNALS");
        }
        if (done.getCount() > 0 && killSignal == 0) {
            killSignal = signal;
            thread.interrupt();
            synchronized (suspension) {
                suspension.notifyAll();
            }
        }
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
        return captured("capturedStderr");
    }

    private String captured(String operation) {
        if (!options.captureOutput()) {
            throw new IllegalStateException(operation + "(): output capture was not requested for " + name);
        }
        // Threads share System.out: the threaded context cannot separate a task's output.
        return "";
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (!started || done.getCount() == 0) {
                return;
            }
            if (killSignal == 0) {
                killSignal = signals ? 9 : 0;
            }
            running = thread;
        }
        resume();
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
        return "ThreadedProcess[" + name + ", exitCode=" + exitCode() + "]";
    }
}
