package org.jbilliard.benchmarks;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Empty;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.codec.StandardCodec;

/**
 * A context whose "processes" are threads of this JVM and whose queues are in-memory: enough of the
 * API to exercise the harness's jbilliard workloads without a cross-process implementation.
 * Thread-safe.
 */
final class ThreadContext implements Context {

    private final AtomicInteger processes = new AtomicInteger();

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.noneOf(Feature.class);
    }

    @Override
    public int maxItemBytes() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Codec defaultCodec() {
        return new StandardCodec();
    }

    @Override
    public <T> Queue<T> queue(int maxsize, Codec codec) {
        return new MemoryQueue<>();
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        return new MemoryQueue<>();
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        return new MemoryQueue<>();
    }

    @Override
    public TaskProcess process(Task task, ProcessOptions options) {
        return new ThreadProcess(task, "TaskProcess-" + processes.incrementAndGet());
    }

    /** An unbounded in-memory queue that is all three kinds at once. */
    static final class MemoryQueue<T> implements JoinableQueue<T>, SimpleQueue<T> {
        private record Box<T>(T item) {
        }

        private final LinkedBlockingQueue<Box<T>> items = new LinkedBlockingQueue<>();
        private final AtomicInteger unfinished = new AtomicInteger();
        private volatile boolean closed;

        @Override
        public void put(T item) {
            unfinished.incrementAndGet();
            items.add(new Box<>(item));
        }

        @Override
        public void put(T item, Duration timeout) {
            put(item);
        }

        @Override
        public void putNowait(T item) {
            put(item);
        }

        @Override
        public T get() throws InterruptedException {
            return items.take().item();
        }

        @Override
        public T get(Duration timeout) throws InterruptedException, Empty {
            Box<T> box = items.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (box == null) {
                throw new Empty("empty after " + timeout);
            }
            return box.item();
        }

        @Override
        public T getNowait() throws Empty {
            Box<T> box = items.poll();
            if (box == null) {
                throw new Empty("empty");
            }
            return box.item();
        }

        @Override
        public int qsize() {
            return items.size();
        }

        @Override
        public boolean empty() {
            return items.isEmpty();
        }

        @Override
        public boolean full() {
            return false;
        }

        @Override
        public int maxsize() {
            return UNBOUNDED;
        }

        @Override
        public byte[] getPayload() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendPayload(byte[] payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String address() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void joinThread() {
        }

        @Override
        public void cancelJoinThread() {
        }

        @Override
        public void taskDone() {
            synchronized (unfinished) {
                if (unfinished.decrementAndGet() == 0) {
                    unfinished.notifyAll();
                }
            }
        }

        @Override
        public void join() throws InterruptedException {
            synchronized (unfinished) {
                while (unfinished.get() > 0) {
                    unfinished.wait();
                }
            }
        }

        @Override
        public boolean join(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (unfinished) {
                while (unfinished.get() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(unfinished, left);
                }
            }
            return true;
        }
    }

    /** A task run by a thread; the pid is this JVM's. */
    static final class ThreadProcess implements TaskProcess {
        private final Thread thread;
        private final String name;
        private volatile Integer exit;
        private volatile TaskFailure failure;

        ThreadProcess(Task task, String name) {
            this.name = name;
            this.thread = new Thread(() -> {
                try {
                    task.run();
                    exit = 0;
                } catch (Exception e) {
                    failure = TaskFailure.copyOf(e);
                    exit = 1;
                }
            }, name);
            thread.setDaemon(true);
        }

        @Override
        public void start() {
            thread.start();
        }

        @Override
        public void join() throws InterruptedException {
            thread.join();
        }

        @Override
        public boolean join(Duration timeout) throws InterruptedException {
            return thread.join(timeout);
        }

        @Override
        public boolean isAlive() {
            return thread.isAlive();
        }

        @Override
        public OptionalInt exitCode() {
            Integer code = exit;
            return code == null ? OptionalInt.empty() : OptionalInt.of(code);
        }

        @Override
        public OptionalLong pid() {
            return OptionalLong.of(ProcessHandle.current().pid());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isDaemon() {
            return true;
        }

        @Override
        public void terminate() {
            thread.interrupt();
        }

        @Override
        public void kill() {
            thread.interrupt();
        }

        @Override
        public Optional<TaskFailure> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public String capturedStdout() {
            throw new IllegalStateException("not captured");
        }

        @Override
        public String capturedStderr() {
            throw new IllegalStateException("not captured");
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
