package org.jbilliard.reference.queue;

import java.lang.foreign.MemorySegment;
import org.jbilliard.QueueClosedException;
import org.jbilliard.reference.nativeio.ErrnoException;
import org.jbilliard.SimpleQueue;

/**
 * billiard's {@code SimpleQueue} over a FIFO shared by processes: no feeder; {@code put} encodes and
 * writes in the calling thread under the write lock and returns once the frame is in the FIFO;
 * {@code get} reads one frame under the read lock. The item count in the control block makes
 * {@link #empty()} exact (BEHAVIOUR row 15).
 *
 * <p><b>Thread-safety.</b> All methods may be called from any thread. {@code put} waits for the write
 * lock and for FIFO room for the whole frame before writing anything, so an interrupt there leaves
 * the queue as it was; a frame larger than the FIFO is written to its end once begun. {@code get}
 * blocks as {@link PipeQueue#get()}.
 *
 * @param <T> the item type
 */
final class PipeSimpleQueue<T> extends PipeHandle implements SimpleQueue<T> {
    private static final long serialVersionUID = 1L;

    PipeSimpleQueue(PipeChannel channel) {
        super(channel);
    }

    @Override
    int kind() {
        return ControlBlockLayout.KIND_SIMPLE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() throws InterruptedException {
        return (T) decode(getPayload());
    }

    @Override
    public void put(T item) throws InterruptedException {
        checkInterrupted("put");
        enter("put");
        try {
            write(frame(item));
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("put", e);
        } finally {
            exit();
        }
    }

    @Override
    public boolean empty() {
        if (isClosed()) {
            throw closedException("empty");
        }
        return counted(channel::qsize) == 0;
    }

    @Override
    public byte[] getPayload() throws InterruptedException {
        checkInterrupted("get");
        enter("get");
        try {
            return channel.take(SharedLock.NO_DEADLINE, checkpoint("get"));
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("get", e);
        } finally {
            exit();
        }
    }

    @Override
    public void sendPayload(byte[] payload) throws InterruptedException {
        checkInterrupted("put");
        enter("put");
        try {
            write(framePayload(payload.clone()));
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("put", e);
        } finally {
            exit();
        }
    }

    private void write(byte[] frame) throws InterruptedException {
        channel.reserve(SharedLock.NO_DEADLINE, checkpoint("put"));
        try {
            channel.writeFrames(MemorySegment.ofArray(frame), 0, frame.length, new int[] {frame.length}, 1,
                    checkpoint("put"), true);
        } catch (InterruptedException | QueueClosedException e) {
            // thrown only while waiting, before the frame was published
            channel.unreserve();
            throw e;
        }
    }

    @Override
    public void close() {
        closeHandle();
    }
}
