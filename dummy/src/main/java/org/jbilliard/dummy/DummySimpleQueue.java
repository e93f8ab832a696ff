package org.jbilliard.dummy;

import java.io.ObjectStreamException;
import java.io.Serializable;
import org.jbilliard.CodecException;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.QueueClosedException;
import org.jbilliard.SimpleQueue;

/**
 * A handle on a dummy simple queue: an unbounded core, written synchronously by {@code put}.
 *
 * @param <T> item type
 */
final class DummySimpleQueue<T> implements SimpleQueue<T>, Serializable {
    private static final long serialVersionUID = 1L;

    private final transient QueueCore core;
    private final transient boolean attachSupported;
    private transient volatile boolean closed;

    DummySimpleQueue(QueueCore core, boolean attachSupported) {
        this.core = core;
        this.attachSupported = attachSupported;
    }

    private void ensureOpen(String operation) {
        if (closed) {
            throw new QueueClosedException(operation + "() on a closed handle of " + core.describe());
        }
    }

    private void write(byte[] frame) throws InterruptedException {
        if (frame.length > core.maxItemBytes) {
            throw new ItemTooLargeException(frame.length, core.maxItemBytes);
        }
        try {
            core.offer(frame, true, -1);
        } catch (Full impossible) {
            throw new AssertionError(impossible);
        }
    }

    private byte[] read() throws InterruptedException {
        try {
            return core.take(true, -1);
        } catch (Empty impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() throws InterruptedException {
        ensureOpen("get");
        byte[] frame = read();
        return (T) core.codec.decode(frame, 0, frame.length);
    }

    @Override
    public void put(T item) throws InterruptedException {
        ensureOpen("put");
        byte[] frame;
        try {
            frame = core.codec.encode(item);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("cannot encode an item of type " + item.getClass().getName() + ": " + e, e);
        }
        write(frame);
    }

    @Override
    public boolean empty() {
        ensureOpen("empty");
        return core.size() == 0;
    }

    @Override
    public byte[] getPayload() throws InterruptedException {
        ensureOpen("getPayload");
        return read();
    }

    @Override
    public void sendPayload(byte[] payload) throws InterruptedException {
        ensureOpen("sendPayload");
        write(payload.clone());
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

    Object writeReplace() throws ObjectStreamException {
        DummyProcess.captured(core);
        return new HandleRef(core.address, core.kind, false, attachSupported);
    }
}
