package org.jbilliard.reference.queue;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.time.Duration;
import org.jbilliard.CodecException;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.QueueClosedException;

/**
 * What every pipe queue handle shares: the channel, the per-handle close state, item encoding and
 * decoding, and Java serialization as an address.
 *
 * <p>Lifecycle: operations run between {@link #enter} and {@link #exit}; {@code close()} marks the
 * handle closed (operations then throw {@link QueueClosedException}, blocked ones within one 20 ms
 * slice; readers waiting on an empty queue are woken at once), and the handle's reference to the
 * queue's attachment in this process is given back once no operation runs and the feeder (if any)
 * has flushed. A handle that becomes unreachable without {@code close()} is closed the same way by a
 * {@link java.lang.ref.Cleaner}. The attachment — slot, descriptor, mapping — is shared by all
 * handles of the queue in this process and released with the last reference (files deleted if this
 * was the last participant); see {@link HandleRegistry} and {@link HandleState}.
 *
 * <p><b>Thread-safety.</b> Thread-safe. A serialized handle is its address: deserializing it makes a
 * new handle of the same queue in the receiving process, sharing that process's attachment.
 */
abstract class PipeHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    final transient PipeChannel channel;
    /** Everything the release needs, reachable without this handle; see {@link HandleState}. */
    final transient HandleState state;
    /**
     * The largest encoded item this handle accepts: {@link PipeChannel#MAX_ITEM_BYTES} unless its
     * context chose less ({@link PipeQueues#limitItems}). Per handle, not in the channel, because all
     * handles of a queue in a process share one channel whatever context made them. Written once,
     * right after construction and before the handle is returned; volatile for any later reader.
     */
    private transient volatile int maxItemBytes = PipeChannel.MAX_ITEM_BYTES;

    /**
     * @param channel the queue's attachment in this process, with one reference counted for this
     *                handle ({@link HandleRegistry#create} or {@link HandleRegistry#attach})
     */
    PipeHandle(PipeChannel channel) {
        this.channel = channel;
        this.state = new HandleState(channel);
        // NOTE: the action references the state only, so that this handle can become unreachable.
        HandleRegistry.CLEANER.register(this, state);
    }

    /** @return the address of the queue */
    public String address() {
        return channel.address;
    }

    public boolean isClosed() {
        return state.isClosed();
    }

    final void enter(String op) {
        if (!state.enter()) {
            throw closedException(op);
        }
    }

    final void exit() {
        state.exit();
        // NOTE: keeps this handle reachable until its operation is over, so that the cleaner cannot
        // run under it (the state's active count would stop the release anyway).
        Reference.reachabilityFence(this);
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
        HandleState s = state;
        return () -> {
            if (Thread.interrupted()) {
                throw new InterruptedException(op + " on " + channel.name + " interrupted");
            }
            if (s.isClosed()) {
                throw closedException(op);
            }
        };
    }

    /**
     * Marks the handle closed and releases it as soon as nothing uses it (its feeder, if any, is
     * closed first and flushes). Other handles of the same queue in this process are not affected.
     */
    void closeHandle() {
        state.close();
    }

    /**
     * Runs a short read of the shared counters with this handle kept reachable, so that a handle
     * dropped right after the call cannot be released under it.
     */
    final int counted(java.util.function.IntSupplier read) {
        try {
            return read.getAsInt();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    final boolean isReleased() {
        return state.isReleased();
    }

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
     * @throws ItemTooLargeException if they exceed this handle's {@link #maxItemBytes() limit}
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

    final byte[] framePayload(byte[] payload) {
        checkSize(payload);
        return FrameLayout.encode(payload);
    }

    private void checkSize(byte[] payload) {
        int limit = maxItemBytes;
        if (payload.length > limit) {
            throw new ItemTooLargeException(payload.length, limit);
        }
    }

    /** @return the largest encoded item this handle accepts */
    final int maxItemBytes() {
        return maxItemBytes;
    }

    /** Lowers this handle's item size limit; see {@link PipeQueues#limitItems}. */
    final void maxItemBytes(int limit) {
        if (limit <= 0 || limit > PipeChannel.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("maxItemBytes must be between 1 and " + PipeChannel.MAX_ITEM_BYTES
                    + ", got " + limit);
        }
        this.maxItemBytes = limit;
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
        return new SerializedHandle(channel.address, kind(), maxItemBytes);
    }

    @Override
    public String toString() {
        return channel.name + (isClosed() ? " (closed)" : "");
    }
}
