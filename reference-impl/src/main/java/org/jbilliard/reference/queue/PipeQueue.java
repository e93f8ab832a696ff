package org.jbilliard.reference.queue;

import java.time.Duration;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.ErrnoException;

/**
 * billiard's {@code Queue} over a FIFO shared by processes: {@code put} encodes the item and computes
 * its checksum in the caller, takes capacity in the control block (so every process sees the item at
 * once) and hands it to this handle's {@link Feeder}, which frames it in native memory (and, for a
 * small item while the feeder is idle, writes it at once from the calling thread); {@code get} takes
 * the read lock and reads exactly one frame.
 * See the package documentation for counting, crash repair and the
 * layouts.
 *
 * <p><b>Thread-safety.</b> All methods may be called from any thread, including virtual threads.
 * {@code put} blocks only while the queue is full; {@code get} blocks while it is empty, and then, once
 * an item is counted, until that item's frame has arrived (it is on its way from a live feeder, or
 * its producer died and the count is repaired within 50 ms) or the deadline passes: a bounded call
 * never waits past its deadline for another participant, and an item counted by one that is not
 * running is owed to a later {@code get} (BEHAVIOUR rows 6 and 19). Blocked calls sleep in the kernel and
 * notice {@link #close()} at once (a {@code get} on an empty queue) or within 20 ms, and interrupts
 * within 20 ms (100 ms for a {@code get} on an empty queue). Items of one thread are got in order.
 *
 * <p><b>Across processes.</b> A handle serializes as its address and attaches in the receiving
 * process; {@link #address()} can also be passed to {@link PipeQueues#attach(String)}. Closing a
 * handle affects no other handle; the queue's files disappear when the last handle of the last
 * process is closed or its process has exited.
 *
 * @param <T> the item type
 */
class PipeQueue<T> extends PipeHandle implements Queue<T> {
    private static final long serialVersionUID = 1L;

    private final transient Feeder feeder;

    PipeQueue(PipeChannel channel) {
        super(channel);
        // NOTE: the feeder thread reaches the state, never this handle, which can so become unreachable.
        this.feeder = new Feeder(channel, state::maybeRelease);
        state.feeder(feeder);
    }

    @Override
    int kind() {
        return ControlBlockLayout.KIND_QUEUE;
    }

    @Override
    public void put(T item) throws InterruptedException {
        checkInterrupted("put");
        try {
            doPut(item, SharedLock.NO_DEADLINE, null);
        } catch (Full e) {
            throw new AssertionError("put without a deadline cannot time out", e);
        }
    }

    @Override
    public void put(T item, Duration timeout) throws InterruptedException, Full {
        checkInterrupted("put");
        doPut(item, deadline(timeout), timeout);
    }

    @Override
    public void putNowait(T item) throws Full {
        try {
            doPut(item, System.nanoTime(), Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("putNowait does not wait", e);
        }
    }

    private void doPut(T item, long deadline, Duration waited) throws InterruptedException, Full {
        enter("put");
        try {
            byte[] payload = payload(item);
            int checksum = FrameLayout.checksum(payload, 0, payload.length);
            if (!channel.reserve(deadline, checkpoint("put"))) {
                throw new Full(channel.name + " is full (maxsize " + channel.maxsize + ", waited "
                        + (waited == null ? "indefinitely" : waited) + ")");
            }
            boolean offered = false;
            try {
                offered = feeder.offer(payload, checksum);
            } finally {
                if (!offered) {
                    channel.unreserve();
                }
            }
            if (!offered) {
                throw closedException("put");
            }
            afterPut();
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("put", e);
        } finally {
            exit();
        }
    }

    /** Hook for the joinable queue; nothing here. */
    void afterPut() {
    }

    @Override
    public T get() throws InterruptedException {
        checkInterrupted("get");
        try {
            return doGet(SharedLock.NO_DEADLINE, null);
        } catch (Empty e) {
            throw new AssertionError("get without a deadline cannot time out", e);
        }
    }

    @Override
    public T get(Duration timeout) throws InterruptedException, Empty {
        checkInterrupted("get");
        return doGet(deadline(timeout), timeout);
    }

    @Override
    public T getNowait() throws Empty {
        // NOTE: as ArrayBlockingQueue.poll(): a call that declares no InterruptedException does not
        // look at the interrupt status (it keeps it). It never waits for another participant, so
        // there is nothing an interrupt would need to end.
        try {
            return doGet(System.nanoTime(), Duration.ZERO, closedCheckpoint("getNowait"));
        } catch (InterruptedException e) {
            throw new AssertionError("getNowait ignores interrupts", e);
        }
    }

    /** A checkpoint that only notices {@link #close()}, leaving the interrupt status alone. */
    private SharedLock.Checkpoint closedCheckpoint(String op) {
        return () -> {
            if (isClosed()) {
                throw closedException(op);
            }
        };
    }

    private T doGet(long deadline, Duration waited) throws InterruptedException, Empty {
        return doGet(deadline, waited, checkpoint("get"));
    }

    @SuppressWarnings("unchecked")
    private T doGet(long deadline, Duration waited, SharedLock.Checkpoint checkpoint)
            throws InterruptedException, Empty {
        enter("get");
        byte[] payload;
        try {
            payload = channel.take(deadline, checkpoint);
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("get", e);
        } finally {
            exit();
        }
        if (payload == null) {
            throw new Empty(channel.name + (channel.qsize() > 0
                    ? " has no item that arrived in time (waited " + waited + "; the " + channel.qsize()
                            + " counted are owed by participants that are not running or still writing them)"
                    : " is empty (waited " + waited + ")"));
        }
        return (T) decode(payload);
    }

    @Override
    public int qsize() {
        checkOpen("qsize");
        return counted(channel::qsize);
    }

    @Override
    public boolean empty() {
        checkOpen("empty");
        return counted(channel::qsize) == 0;
    }

    @Override
    public boolean full() {
        checkOpen("full");
        return counted(channel::qsize) >= channel.maxsize;
    }

    final void checkOpen(String op) {
        if (isClosed()) {
            throw closedException(op);
        }
    }

    @Override
    public int maxsize() {
        return channel.maxsize;
    }

    @Override
    public void close() {
        closeHandle();
    }

    @Override
    public void joinThread() throws InterruptedException {
        if (!isClosed()) {
            throw new IllegalStateException("joinThread() on " + channel.name + " requires close() first");
        }
        if (state.joinCancelled) {
            return;
        }
        feeder.awaitFlushed(Long.MAX_VALUE);
    }

    @Override
    public void cancelJoinThread() {
        state.joinCancelled = true;
    }
}
