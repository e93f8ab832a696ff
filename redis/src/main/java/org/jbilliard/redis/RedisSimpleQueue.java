package org.jbilliard.redis;

import java.io.ObjectStreamException;
import java.io.Serializable;
import org.jbilliard.Empty;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.SimpleQueue;

/**
 * A handle on a {@link SimpleQueue} on a Redis server: an unbounded queue of payloads; {@code put}
 * and {@code get} encode and decode with the queue's codec, {@code sendPayload} and
 * {@code getPayload} move the bytes unchanged.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 *
 * @param <T> the item type
 */
public final class RedisSimpleQueue<T> implements SimpleQueue<T>, Serializable {

    private static final long serialVersionUID = 1L;

    final transient QueueCore core;
    private final transient int maxItemBytes;

    RedisSimpleQueue(QueueCore core, int maxItemBytes) {
        this.core = core;
        this.maxItemBytes = maxItemBytes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() throws InterruptedException {
        byte[] payload = getPayload();
        return (T) core.codec.decode(payload, 0, payload.length);
    }

    @Override
    public void put(T item) throws InterruptedException {
        core.requireOpen("put");
        sendPayload(core.codec.encode(item));
    }

    @Override
    public boolean empty() {
        return core.qsize() == 0;
    }

    @Override
    public byte[] getPayload() throws InterruptedException {
        try {
            return core.get(true, Long.MAX_VALUE);
        } catch (Empty e) {
            throw new AssertionError("get without a timeout gave up", e);
        }
    }

    @Override
    public void sendPayload(byte[] payload) throws InterruptedException {
        core.requireOpen("sendPayload");
        if (payload.length > maxItemBytes) {
            throw new ItemTooLargeException(payload.length, maxItemBytes);
        }
        try {
            core.put(payload.clone(), true, Long.MAX_VALUE);
        } catch (org.jbilliard.Full e) {
            throw new AssertionError("a simple queue is unbounded", e);
        }
    }

    /** Returns {@code redis://host:port/db#jbq=<id>}; never credentials. */
    @Override
    public String address() {
        return core.address.toString();
    }

    @Override
    public void close() {
        core.close();
    }

    @Override
    public boolean isClosed() {
        return core.isClosed();
    }

    Object writeReplace() throws ObjectStreamException {
        return new SerializedHandle(core);
    }

    @Override
    public String toString() {
        return "RedisSimpleQueue[" + core + (core.isClosed() ? ", closed" : "") + "]";
    }
}
