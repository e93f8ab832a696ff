package org.jbilliard.reference.queue;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jbilliard.CodecException;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.QueueClosedException;
import org.jbilliard.reference.nativeio.ErrnoException;

/**
 * What every pipe queue handle shares: the channel, the per-handle close state, item encoding and
 * decoding, and Java serialization as an address.
 *
 * <p>Lifecycle: operations run between {@link #enter} and {@link #exit}; {@code close()} marks the
 * handle closed (operations then throw {@link QueueClosedException}, blocked ones within one 20 ms
 * slice; readers waiting on an empty queue are woken at once), and the channel is released — slot freed, descriptors and mapping closed, files deleted if
 * this was the last participant — once no operation runs and the feeder (if any) has flushed.
 *
 * <p><b>Thread-safety.</b> Thread-safe. A serialized handle is its address: deserializing it
 * attaches a new handle to the same queue in the receiving process.
 */
abstract class PipeHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    final transient PipeChannel channel;
    private final transient AtomicInteger active = new AtomicInteger();
    private transient volatile boolean closed;
    private transient boolean released;

    PipeHandle(PipeChannel channel) {
        this.channel = channel;
        HandleRegistry.register(this);
    }

    /** @return the address of the queue */
    public String address() {
        return channel.address;
    }

    public boolean isClosed() {
        return closed;
    }

    final void enter(String op) {
        active.incrementAndGet();
        if (closed) {
            exit();
            throw closedException(op);
        }
    }

    final void exit() {
        if (active.decrementAndGet() == 0 && closed) {
            maybeRelease();
        }
    }

    /** As java.util.concurrent: a blocking call entered with the interrupt status set throws at once. */
    static void checkInterrupted(String op) throws InterruptedException {
        // isInterrupted first: Thread.interrupted() alone writes the status on every call
        if (Thread.currentThread().isInterrupted() && Thread.interrupted()) {
            throw new InterruptedException(op + " called with the interrupt status set");
        }
    }

    /**
     * What reaches the caller when the system refuses this queue's descriptor or mapping: an errno
     * from a libc call, or a fault in the mapped control block ({@link InternalError}; impossible
     * while its space stays reserved, unless another process truncates the file). Internal types
     * never leave a public method; this documented unchecked one names the queue and the call.
     */
    final UncheckedIOException systemFailure(String op, Throwable e) {
        return new UncheckedIOException(channel.name + ": " + op + " failed: " + e.getMessage(),
                new IOException(e.toString(), e));
    }

    final QueueClosedException closedException(String op) {
        return new QueueClosedException(channel.name + " is closed (" + op + " on a closed handle)");
    }

    final SharedLock.Checkpoint checkpoint(String op) {
        return () -> {
            if (Thread.interrupted()) {
                throw new InterruptedException(op + " on " + channel.name + " interrupted");
            }
            if (closed) {
                throw closedException(op);
            }
        };
    }

    /** Marks the handle closed and releases it as soon as nothing uses it. */
    void closeHandle() {
        closed = true;
        wakeBlockedReaders();
        maybeRelease();
    }

    /** Lets this process's readers blocked on an empty queue see the close now. */
    private synchronized void wakeBlockedReaders() {
        // NOTE: under the lock maybeRelease takes, so the channel cannot be released meanwhile.
        if (!released) {
            channel.wakeBlockedReaders();
        }
    }

    /** Whether a feeder still holds items for this handle; overridden by the feeder queues. */
    boolean feederRunning() {
        return false;
    }

    final synchronized void maybeRelease() {
        if (released || !closed || active.get() > 0 || feederRunning()) {
            return;
        }
        released = true;
        HandleRegistry.unregister(this);
        try {
            channel.release();
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("close", e);
        }
    }

    final synchronized boolean isReleased() {
        return released;
    }

    /** Called at JVM exit for a handle that was never closed; see {@link HandleRegistry}. */
    abstract void closeAtExit();

    // ------------------------------------------------------------------ items

    /** @return the item framed as it goes into the FIFO (a new array) */
    final byte[] frame(Object item) {
        return FrameLayout.encode(payload(item));
    }

    /**
     * Encodes an item with the queue's codec.
     *
     * @return the codec's bytes
     * @throws CodecException        if the codec fails or returns {@code null}
     * @throws ItemTooLargeException if they exceed {@link PipeChannel#MAX_ITEM_BYTES}
     */
    final byte[] payload(Object item) {
        byte[] payload;
        try {
            payload = channel.codec.encode(item);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("cannot encode item of type "
                    + (item == null ? "null" : item.getClass().getName()) + ": " + e, e);
        } catch (StackOverflowError e) {
            // NOTE: nothing is reserved or buffered before encoding, so the queue is unchanged.
            throw new CodecException("cannot encode item of type "
                    + (item == null ? "null" : item.getClass().getName()) + ": its object graph is nested too "
                    + "deeply for the codec " + channel.codec.getClass().getName() + " (stack overflow)", e);
        }
        if (payload == null) {
            throw new CodecException("codec " + channel.codec.getClass().getName() + " returned null for item of type "
                    + (item == null ? "null" : item.getClass().getName()), null);
        }
        checkSize(payload);
        return payload;
    }

    static byte[] framePayload(byte[] payload) {
        checkSize(payload);
        return FrameLayout.encode(payload);
    }

    private static void checkSize(byte[] payload) {
        if (payload.length > PipeChannel.MAX_ITEM_BYTES) {
            throw new ItemTooLargeException(payload.length, PipeChannel.MAX_ITEM_BYTES);
        }
    }

    final Object decode(byte[] payload) {
        try {
            return channel.codec.decode(payload, 0, payload.length);
        } catch (CodecException e) {
            if (e.payload() != null) {
                throw e;
            }
            throw new CodecException("cannot decode an item of " + channel.name + ": " + e.getMessage(), e, payload);
        } catch (RuntimeException | LinkageError e) {
            throw new CodecException("cannot decode an item of " + channel.name + ": " + e, e, payload);
        } catch (StackOverflowError e) {
            throw new CodecException("cannot decode an item of " + channel.name + " (" + payload.length
                    + " bytes): it is nested too deeply for the codec " + channel.codec.getClass().getName()
                    + " (stack overflow); its bytes are kept in payload()", e, payload);
        }
    }

    static long deadline(Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException("timeout");
        }
        long now = System.nanoTime();
        if (timeout.isNegative() || timeout.isZero()) {
            return now;
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            return SharedLock.NO_DEADLINE;
        }
        long d = now + nanos;
        return (d - now < 0 || d == SharedLock.NO_DEADLINE) ? SharedLock.NO_DEADLINE : d;
    }

    // ------------------------------------------------------------------ serialization

    /** @return the kind constant this handle attaches as */
    abstract int kind();

    @java.io.Serial
    Object writeReplace() throws ObjectStreamException {
        return new SerializedHandle(channel.address, kind());
    }

    @Override
    public String toString() {
        return channel.name + (closed ? " (closed)" : "");
    }
}
