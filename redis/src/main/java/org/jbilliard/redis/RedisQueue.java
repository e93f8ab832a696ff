package org.jbilliard.redis;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.Queue;

/**
 * A handle on a {@link Queue} that lives on a Redis server. Every call is one protocol script (or
 * {@code BLMOVE} slices and a script, when it blocks); an item is on the server when {@code put}
 * returns. A handle is {@link Serializable}: a task process that captures it attaches a handle of
 * its own to the same queue.
 *
 * <p>An outage of the server makes calls throw {@link ServerUnavailableException} once their
 * deadline has passed (see there).
 *
 * <p><b>Thread-safety.</b> Thread-safe; any number of threads may share a handle.
 *
 * @param <T> the item type
 */
public class RedisQueue<T> implements Queue<T>, Serializable {

    private static final long serialVersionUID = 1L;

    final transient QueueCore core;
    private final transient int maxItemBytes;

    RedisQueue(QueueCore core, int maxItemBytes) {
        this.core = core;
        this.maxItemBytes = maxItemBytes;
    }

    byte[] encode(T item) {
        core.requireOpen("put");
        byte[] payload = core.codec.encode(item);
        if (payload.length > maxItemBytes) {
            throw new ItemTooLargeException(payload.length, maxItemBytes);
        }
        return payload;
    }

    @SuppressWarnings("unchecked")
    T decode(byte[] payload) {
        return (T) core.codec.decode(payload, 0, payload.length);
    }

    static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long now = System.nanoTime();
        if (timeout.isNegative() || timeout.isZero()) {
            return now;
        }
        try {
            long d = now + timeout.toNanos();
            return d < now ? Long.MAX_VALUE - 1 : d;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE - 1;
        }
    }

    @Override
    public void put(T item) throws InterruptedException {
        byte[] payload = encode(item);
        try {
            core.put(payload, true, Long.MAX_VALUE);
        } catch (Full e) {
            throw new AssertionError("put without a timeout gave up", e);
        }
    }

    @Override
    public void put(T item, Duration timeout) throws InterruptedException, Full {
        long deadline = deadline(timeout);
        core.put(encode(item), true, deadline);
    }

    @Override
    public void putNowait(T item) throws Full {
        try {
            core.put(encode(item), false, System.nanoTime());
        } catch (InterruptedException e) {
            throw new AssertionError("putNowait does not wait", e);
        }
    }

    @Override
    public T get() throws InterruptedException {
        try {
            return decode(core.get(true, Long.MAX_VALUE));
        } catch (Empty e) {
            throw new AssertionError("get without a timeout gave up", e);
        }
    }

    @Override
    public T get(Duration timeout) throws InterruptedException, Empty {
        long deadline = deadline(timeout);
        return decode(core.get(true, deadline));
    }

    @Override
    public T getNowait() throws Empty {
        try {
            return decode(core.get(false, System.nanoTime()));
        } catch (InterruptedException e) {
            throw new AssertionError("getNowait does not wait", e);
        }
    }

    @Override
    public int qsize() {
        return core.qsize();
    }

    @Override
    public boolean empty() {
        core.requireOpen("empty");
        return core.qsize() == 0;
    }

    @Override
    public boolean full() {
        return core.full();
    }

    @Override
    public int maxsize() {
        return core.maxsize == 0 ? UNBOUNDED : core.maxsize;
    }

    /** Returns {@code redis://host:port/db#jbq=<id>}; never credentials. */
    @Override
    public String address() {
        return core.address.toString();
    }

    /** Releases this handle's leases; the last handle of a queue deletes it from the server. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public boolean isClosed() {
        return core.isClosed();
    }

    /** Returns at once after {@link #close()}: every {@code put} is on the server when it returns. */
    @Override
    public void joinThread() {
        if (!core.isClosed()) {
            throw new IllegalStateException("joinThread() before close() on " + core);
        }
    }

    /** Nothing to cancel: there is no feeder thread. */
    @Override
    public void cancelJoinThread() {
        // put is synchronous: nothing is ever buffered in this process
    }

    Object writeReplace() throws ObjectStreamException {
        return new SerializedHandle(core);
    }

    @Override
    public String toString() {
        return "RedisQueue[" + core + (core.isClosed() ? ", closed" : "") + "]";
    }
}
