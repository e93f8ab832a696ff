package org.jbilliard.dummy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jbilliard.Codec;
import org.jbilliard.Empty;
import org.jbilliard.Full;

/**
 * The shared state of one queue: encoded frames, the bound and the unfinished-task count, guarded by
 * one lock with three conditions (as {@code ArrayBlockingQueue}). Every handle of the queue, in any
 * thread, works on the same core; the registry maps addresses to cores so that a serialized handle
 * resolves to the same queue.
 *
 * <p>Thread-safe. Waiting methods are interruptible and honour their deadline on {@link System#nanoTime()}.
 */
final class QueueCore {

    /** What kind of queue a core is. */
    enum Kind { QUEUE, JOINABLE, SIMPLE }

    /**
     * Address to core, weakly: a queue lives as long as a handle (or a task that captured one, see
     * {@link DummyProcess}) refers to it, and is then collected like any object.
     */
    private static final Map<String, WeakReference<QueueCore>> REGISTRY = new ConcurrentHashMap<>();

    final String address;
    final Kind kind;
    final int maxsize;
    final Codec codec;
    final int maxItemBytes;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allDone = lock.newCondition();
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private int unfinished;

    private QueueCore(Kind kind, int maxsize, Codec codec, int maxItemBytes) {
        this.address = "dummy:" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + UUID.randomUUID();
        this.kind = kind;
        this.maxsize = maxsize <= 0 ? org.jbilliard.Queue.UNBOUNDED : maxsize;
        this.codec = codec;
        this.maxItemBytes = maxItemBytes;
    }

    static QueueCore create(Kind kind, int maxsize, Codec codec, int maxItemBytes) {
        QueueCore core = new QueueCore(kind, maxsize, codec, maxItemBytes);
        REGISTRY.values().removeIf(ref -> ref.get() == null);
        REGISTRY.put(core.address, new WeakReference<>(core));
        return core;
    }

    static QueueCore lookup(String address, Kind kind) {
        WeakReference<QueueCore> ref = REGISTRY.get(address);
        QueueCore core = ref == null ? null : ref.get();
        if (core == null) {
            throw new IllegalArgumentException("no dummy queue at address '" + address + "'");
        }
        if (core.kind != kind) {
            throw new IllegalArgumentException("the queue at '" + address + "' is a " + core.kind + ", not a " + kind);
        }
        return core;
    }

    String describe() {
        return kind == Kind.SIMPLE ? "simple queue " + address : "queue " + address + " (maxsize=" + maxsize + ")";
    }

    /** Adds a frame, waiting for a slot until {@code nanos} elapse; a negative wait means forever. */
    void offer(byte[] frame, boolean wait, long nanos) throws InterruptedException, Full {
        long started = System.nanoTime();
        lock.lockInterruptibly();
        try {
            long remaining = nanos;
            while (frames.size() >= maxsize) {
                if (!wait || (nanos >= 0 && remaining <= 0)) {
                    throw new Full(describe() + " is full: " + maxsize + " items; waited "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                }
                remaining = awaitOn(notFull, nanos, remaining);
            }
            frames.addLast(frame);
            if (kind == Kind.JOINABLE) {
                unfinished++;
            }
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a frame, waiting until {@code nanos} elapse; a negative wait means forever. */
    byte[] take(boolean wait, long nanos) throws InterruptedException, Empty {
        long started = System.nanoTime();
        lock.lockInterruptibly();
        try {
            long remaining = nanos;
            while (frames.isEmpty()) {
                if (!wait || (nanos >= 0 && remaining <= 0)) {
                    throw new Empty(describe() + " is empty; waited "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                }
                remaining = awaitOn(notEmpty, nanos, remaining);
            }
            byte[] frame = frames.removeFirst();
            notFull.signal();
            return frame;
        } finally {
            lock.unlock();
        }
    }

    private static long awaitOn(Condition condition, long nanos, long remaining) throws InterruptedException {
        if (nanos < 0) {
            condition.await();
            return remaining;
        }
        return condition.awaitNanos(remaining);
    }

    int size() {
        lock.lock();
        try {
            return frames.size();
        } finally {
            lock.unlock();
        }
    }

    void taskDone() {
        lock.lock();
        try {
            if (unfinished == 0) {
                throw new IllegalStateException("task_done() called too many times");
            }
            unfinished--;
            if (unfinished == 0) {
                allDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no task is unfinished; a negative wait means forever. */
    boolean awaitDone(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long remaining = nanos;
            while (unfinished > 0) {
                if (nanos >= 0 && remaining <= 0) {
                    return false;
                }
                remaining = awaitOn(allDone, nanos, remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    static long nanos(Duration timeout) {
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        return nanos;
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
