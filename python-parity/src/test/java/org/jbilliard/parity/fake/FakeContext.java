package org.jbilliard.parity.fake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jbilliard.Codec;
import org.jbilliard.CodecException;
import org.jbilliard.Context;
import org.jbilliard.Empty;
import org.jbilliard.Feature;
import org.jbilliard.Full;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.QueueClosedException;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;

/**
 * An in-process {@link Context} for the harness's own tests: "processes" are threads, queues are
 * blocking deques of Java-serialized items. It follows jbilliard's decisions (encode at put,
 * immediate visibility, one closed exception) closely enough to exercise the Java runner; it is no
 * implementation of the contract (kill only interrupts, handles are shared objects).
 */
public final class FakeContext implements Context {

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.QSIZE, Feature.IMMEDIATE_VISIBILITY, Feature.ENCODE_AT_PUT);
    }

    @Override
    public int maxItemBytes() {
        return 1 << 30;
    }

    @Override
    public Codec defaultCodec() {
        return new SerialCodec();
    }

    @Override
    public <T> org.jbilliard.Queue<T> queue(int maxsize, Codec codec) {
        return new FakeQueue<>(maxsize, codec);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
        return new FakeJoinableQueue<>(maxsize, codec);
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue(Codec codec) {
        return new FakeSimpleQueue<>(codec);
    }

    @Override
    public TaskProcess process(Task task, ProcessOptions options) {
        return new FakeProcess(task, options.name() == null ? "fake" : options.name());
    }

    /** Java serialization. */
    static final class SerialCodec implements Codec {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] encode(Object item) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(item);
            } catch (IOException e) {
                throw new CodecException("cannot encode " + (item == null ? null : item.getClass().getName()), e);
            }
            return bytes.toByteArray();
        }

        @Override
        public Object decode(byte[] bytes, int offset, int length) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
                return in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new CodecException("cannot decode", e);
            }
        }
    }

    /** A Queue and JoinableQueue over a deque of encoded items. */
    static class FakeQueue<T> implements org.jbilliard.Queue<T>, Serializable {
        private static final long serialVersionUID = 1L;
        private final transient LinkedBlockingDeque<byte[]> items = new LinkedBlockingDeque<>();
        private final transient Semaphore slots;
        private final int maxsize;
        private final Codec codec;
        final transient Object tasks = new Object();
        int unfinished;
        private volatile boolean closed;

        FakeQueue(int maxsize, Codec codec) {
            this.maxsize = maxsize <= 0 ? UNBOUNDED : maxsize;
            this.slots = new Semaphore(this.maxsize);
            this.codec = codec;
        }

        private void open() {
            if (closed) {
                throw new QueueClosedException("queue is closed");
            }
        }

        private void enqueue(byte[] bytes) {
            synchronized (tasks) {
                unfinished++;
            }
            items.add(bytes);
        }

        @Override
        public void put(T item) throws InterruptedException {
            open();
            byte[] bytes = codec.encode(item);
            slots.acquire();
            enqueue(bytes);
        }

        @Override
        public void put(T item, Duration timeout) throws InterruptedException, Full {
            open();
            byte[] bytes = codec.encode(item);
            if (!slots.tryAcquire(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new Full("full after " + timeout);
            }
            enqueue(bytes);
        }

        @Override
        public void putNowait(T item) throws Full {
            open();
            byte[] bytes = codec.encode(item);
            if (!slots.tryAcquire()) {
                throw new Full("full");
            }
            enqueue(bytes);
        }

        @SuppressWarnings("unchecked")
        private T taken(byte[] bytes) {
            slots.release();
            return (T) codec.decode(bytes, 0, bytes.length);
        }

        @Override
        public T get() throws InterruptedException {
            open();
            return taken(items.take());
        }

        @Override
        public T get(Duration timeout) throws InterruptedException, Empty {
            open();
            byte[] bytes = items.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            if (bytes == null) {
                throw new Empty("empty after " + timeout);
            }
            return taken(bytes);
        }

        @Override
        public T getNowait() throws Empty {
            open();
            byte[] bytes = items.poll();
            if (bytes == null) {
                throw new Empty("empty");
            }
            return taken(bytes);
        }

        @Override
        public int qsize() {
            open();
            return items.size();
        }

        @Override
        public boolean empty() {
            open();
            return items.isEmpty();
        }

        @Override
        public boolean full() {
            open();
            return slots.availablePermits() == 0;
        }

        @Override
        public int maxsize() {
            return maxsize;
        }

        @Override
        public String address() {
            throw new UnsupportedOperationException("fake");
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
            if (!closed) {
                throw new IllegalStateException("joinThread() before close()");
            }
        }

        @Override
        public void cancelJoinThread() {
        }

    }

    /** The joinable variant: counts unfinished tasks. */
    static final class FakeJoinableQueue<T> extends FakeQueue<T> implements JoinableQueue<T> {
        private static final long serialVersionUID = 1L;

        FakeJoinableQueue(int maxsize, Codec codec) {
            super(maxsize, codec);
        }

        @Override
        public void taskDone() {
            synchronized (tasks) {
                if (unfinished == 0) {
                    throw new IllegalStateException("task_done() called too many times");
                }
                if (--unfinished == 0) {
                    tasks.notifyAll();
                }
            }
        }

        @Override
        public void join() throws InterruptedException {
            synchronized (tasks) {
                while (unfinished > 0) {
                    tasks.wait();
                }
            }
        }

        @Override
        public boolean join(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (tasks) {
                while (unfinished > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(tasks, left);
                }
                return true;
            }
        }
    }

    /** A SimpleQueue over a deque of encoded items. */
    static final class FakeSimpleQueue<T> implements SimpleQueue<T>, Serializable {
        private static final long serialVersionUID = 1L;
        private final transient LinkedBlockingDeque<byte[]> items = new LinkedBlockingDeque<>();
        private final Codec codec;
        private volatile boolean closed;

        FakeSimpleQueue(Codec codec) {
            this.codec = codec;
        }

        private void open() {
            if (closed) {
                throw new QueueClosedException("simple queue is closed");
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get() throws InterruptedException {
            open();
            byte[] b = items.take();
            return (T) codec.decode(b, 0, b.length);
        }

        @Override
        public void put(T item) {
            open();
            items.add(codec.encode(item));
        }

        @Override
        public boolean empty() {
            open();
            return items.isEmpty();
        }

        @Override
        public byte[] getPayload() throws InterruptedException {
            open();
            return items.take();
        }

        @Override
        public void sendPayload(byte[] payload) {
            open();
            items.add(payload.clone());
        }

        @Override
        public String address() {
            throw new UnsupportedOperationException("fake");
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }

    /** A "process" that is a thread. */
    static final class FakeProcess implements TaskProcess {
        private static final AtomicInteger IDS = new AtomicInteger();
        private final Task task;
        private final String name;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Thread thread;
        private volatile Integer exitCode;
        private volatile TaskFailure failure;

        FakeProcess(Task task, String name) {
            this.task = task;
            this.name = name + "-" + IDS.incrementAndGet();
        }

        @Override
        public void start() {
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            thread = new Thread(() -> {
                int code = 0;
                try {
                    task.run();
                } catch (Throwable e) {
                    failure = TaskFailure.copyOf(e);
                    code = 1;
                } finally {
                    if (exitCode == null) {
                        exitCode = code;
                    }
                    done.countDown();
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        private void started() {
            if (thread == null) {
                throw new IllegalStateException("not started");
            }
        }

        @Override
        public void join() throws InterruptedException {
            started();
            done.await();
        }

        @Override
        public boolean join(Duration timeout) throws InterruptedException {
            started();
            return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public boolean isAlive() {
            return thread != null && done.getCount() > 0;
        }

        @Override
        public OptionalInt exitCode() {
            Integer c = done.getCount() == 0 ? exitCode : null;
            return c == null ? OptionalInt.empty() : OptionalInt.of(c);
        }

        @Override
        public OptionalLong pid() {
            return thread == null ? OptionalLong.empty() : OptionalLong.of(thread.threadId());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isDaemon() {
            return false;
        }

        @Override
        public void terminate() {
            kill();
        }

        @Override
        public void kill() {
            started();
            if (isAlive()) {
                exitCode = -9;
                thread.interrupt();
            }
        }

        @Override
        public Optional<TaskFailure> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public String capturedStdout() {
            throw new IllegalStateException("no capture");
        }

        @Override
        public String capturedStderr() {
            throw new IllegalStateException("no capture");
        }

        @Override
        public void close() {
            if (thread != null && isAlive()) {
                kill();
                try {
                    done.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
