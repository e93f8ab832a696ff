package org.jbilliard.dummy;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.jbilliard.CodecException;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.Queue;
import org.jbilliard.QueueClosedException;

/**
 * A handle on a dummy queue. Items are encoded in the calling thread and are visible to every handle
 * the moment {@code put} returns (there is no feeder thread, so {@link #joinThread()} has nothing to wait
 * for). Serializing a handle yields a new handle on the same queue.
 *
 * <p>Thread-safe; closing is per handle.
 *
 * @param <T> item type
 */
class DummyQueue<T> implements Queue<T>, Serializable {
    private static final long serialVersionUID = 1L;

    final transient QueueCore core;
    private final transient boolean qsizeSupported;
    private final transient boolean attachSupported;
    private transient volatile boolean closed;

    DummyQueue(QueueCore core, boolean qsizeSupported, boolean attachSupported) {
        this.core = core;
        this.qsizeSupported = qsizeSupported;
        this.attachSupported = attachSupported;
    }

    final void ensureOpen(String operation) {
        if (closed) {
            throw new QueueClosedException(operation + "() on a closed handle of " + core.describe());
        }
    }

    final byte[] encode(Object item) {
        byte[] frame;
        try {
            frame = core.codec.encode(item);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("cannot encode an item of type " + item.getClass().getName() + ": " + e, e);
        }
        if (frame.length > core.maxItemBytes) {
            throw new ItemTooLargeException(frame.length, core.maxItemBytes);
        }
        return frame;
    }

    @SuppressWarnings("unchecked")
    final T decode(byte[] frame) {
        return (T) core.codec.decode(frame, 0, frame.length);
    }

    @Override
    public void put(T item) throws InterruptedException {
        ensureOpen("put");
        byte[] frame = encode(item);
        try {
            core.offer(frame, true, -1);
        } catch (Full impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public void put(T item, Duration timeout) throws InterruptedException, Full {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen("put");
        core.offer(encode(item), true, QueueCore.nanos(timeout));
    }

    @Override
    public void putNowait(T item) throws Full {
        ensureOpen("putNowait");
        try {
            core.offer(encode(item), false, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Full(core.describe() + ": interrupted");
        }
    }

    @Override
    public T get() throws InterruptedException {
        ensureOpen("get");
        try {
            return decode(core.take(true, -1));
        } catch (Empty impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public T get(Duration timeout) throws InterruptedException, Empty {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen("get");
        return decode(core.take(true, QueueCore.nanos(timeout)));
    }

    @Override
    public T getNowait() throws Empty {
        ensureOpen("getNowait");
        try {
            return decode(core.take(false, 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Empty(core.describe() + ": interrupted");
        }
    }

    @Override
    public int qsize() {
        ensureOpen("qsize");
        if (!qsizeSupported) {
            throw new UnsupportedOperationException("qsize() is not supported by this dummy context");
        }
        return core.size();
    }

    @Override
    public boolean empty() {
        ensureOpen("empty");
        return core.size() == 0;
    }

    @Override
    public boolean full() {
        ensureOpen("full");
        return core.size() >= core.maxsize;
    }

    @Override
    public int maxsize() {
        return core.maxsize;
    }

    @Override
    public String address() {
        if (!attachSupported) {
            throw new UnsupportedOperationException("attach by address is not supported by the dummy context: its queues live in the heap of this JVM");
        }
        return core.address;
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
            throw new IllegalStateException("joinThread() called before close() on " + core.describe());
        }
    }

    @Override
    public void cancelJoinThread() {
        // Nothing is ever buffered in a feeder: there is nothing to give up.
    }

    Object writeReplace() throws ObjectStreamException {
        DummyProcess.captured(core);
        return new HandleRef(core.address, core.kind, qsizeSupported, attachSupported);
    }

    @Override
    public String toString() {
        return "DummyQueue[" + core.describe() + (closed ? ", closed" : "") + "]";
    }
}
