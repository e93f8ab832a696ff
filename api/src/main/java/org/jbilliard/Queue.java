package org.jbilliard;

import java.time.Duration;

/**
 * A multi-producer, multi-consumer FIFO queue shared by processes: billiard's {@code Queue}.
 *
 * <p>Any number of threads in any number of processes may put and get through the same queue. Each
 * process holds its own <em>handle</em>; a handle is obtained from {@link Context#queue(int)}, by
 * capturing it in a {@link Task} (the child receives an attached handle), or by
 * {@link Context#attachQueue(String)}. Closing a handle affects only that handle.
 *
 * <h2>The four forms</h2>
 * As in {@link java.util.concurrent.BlockingQueue}, each operation comes in the forms a caller needs;
 * the billiard spelling is in the last column.
 * <table class="striped">
 * <caption>Forms of put and get</caption>
 * <thead><tr><th></th><th>Throws at once</th><th>Blocks</th><th>Times out</th><th>billiard</th></tr></thead>
 * <tbody>
 * <tr><th>Insert</th><td>{@link #putNowait(Object) putNowait(e)} throws {@link Full}</td>
 *     <td>{@link #put(Object) put(e)}</td><td>{@link #put(Object, Duration) put(e, timeout)} throws
 *     {@link Full}</td><td>{@code put(obj, block=True, timeout=None)}</td></tr>
 * <tr><th>Remove</th><td>{@link #getNowait()} throws {@link Empty}</td><td>{@link #get()}</td>
 *     <td>{@link #get(Duration) get(timeout)} throws {@link Empty}</td>
 *     <td>{@code get(block=True, timeout=None)}</td></tr>
 * </tbody>
 * </table>
 * {@link #put(Object, boolean, Duration)} and {@link #get(boolean, Duration)} take billiard's
 * {@code block} and {@code timeout} parameters literally, for one-to-one ports.
 *
 * <h2>Items</h2>
 * Items are encoded by the queue's {@link Codec} and decoded by the receiver: the receiver gets a deep
 * copy of the item as of {@code put}, never the sender's object. {@code null} is a legal item (the
 * billiard idiom {@code q.put(None)} as a sentinel works unchanged). Where
 * {@link Feature#ENCODE_AT_PUT} is declared, an item that cannot be encoded makes {@code put} throw
 * {@link CodecException} and leaves the queue untouched.
 *
 * <h2>Ordering and delivery</h2>
 * Items put by one thread are got in the order they were put (FIFO per producer); items of different
 * producers interleave (BEHAVIOUR row 23). Every item is delivered to exactly one {@code get}, unless
 * its producer process dies before the item was flushed, or its consumer dies while receiving it.
 *
 * <h2>Feeder thread</h2>
 * As in billiard, {@code put} returns as soon as the item is accepted (a slot of {@link #maxsize()}
 * is taken); a background feeder writes it to the transport. {@link #close()} lets the feeder flush
 * what is buffered, {@link #joinThread()} waits for that flush, and a process does not exit before its
 * feeders have flushed unless {@link #cancelJoinThread()} opted out (BEHAVIOUR rows 10–12).
 *
 * <h2>Timeouts and interrupts</h2>
 * Timeouts are measured on a monotonic clock; a timeout of zero or less means "do not wait" but still
 * takes an item that is already available (BEHAVIOUR rows 2–4). A {@code null} timeout is rejected
 * with {@link NullPointerException} — use the form without a timeout to wait indefinitely. Blocking
 * methods respond to interruption as {@code java.util.concurrent} does: they throw
 * {@link InterruptedException}, clear the interrupt status, and leave the queue as it was.
 *
 * <h2>Memory consistency</h2>
 * Actions in a thread prior to placing an item in the queue <em>happen-before</em> actions
 * subsequent to the removal of that item in another thread of the same process; across processes,
 * what the receiver sees is the encoded snapshot.
 *
 * @param <T> the type of the items
 */
public interface Queue<T> extends AutoCloseable {

    /** The {@link #maxsize()} of an unbounded queue, as billiard's {@code SEM_VALUE_MAX}. */
    int UNBOUNDED = Integer.MAX_VALUE;

    /**
     * Inserts an item, waiting for a free slot if the queue is full. billiard:
     * {@code put(obj)}.
     *
     * @param item the item, possibly {@code null}
     * @throws InterruptedException   if interrupted while waiting for a slot; nothing was enqueued
     * @throws CodecException         if the item cannot be encoded (see {@link Feature#ENCODE_AT_PUT})
     * @throws ItemTooLargeException  if the encoded item exceeds {@link Context#maxItemBytes()}
     * @throws QueueClosedException   if this handle was closed
     */
    void put(T item) throws InterruptedException;

    /**
     * Inserts an item, waiting at most {@code timeout} for a free slot. billiard:
     * {@code put(obj, timeout=t)}.
     *
     * @param item    the item, possibly {@code null}
     * @param timeout how long to wait for a slot; zero or negative means do not wait
     * @throws Full                  if no slot became free in time; nothing was enqueued
     * @throws InterruptedException  if interrupted while waiting; nothing was enqueued
     * @throws CodecException        if the item cannot be encoded
     * @throws ItemTooLargeException if the encoded item exceeds {@link Context#maxItemBytes()}
     * @throws QueueClosedException  if this handle was closed
     */
    void put(T item, Duration timeout) throws InterruptedException, Full;

    /**
     * Inserts an item if a slot is free now. billiard: {@code put_nowait(obj)}.
     *
     * @param item the item, possibly {@code null}
     * @throws Full                  if the queue is full; nothing was enqueued
     * @throws CodecException        if the item cannot be encoded
     * @throws ItemTooLargeException if the encoded item exceeds {@link Context#maxItemBytes()}
     * @throws QueueClosedException  if this handle was closed
     */
    void putNowait(T item) throws Full;

    /**
     * billiard's {@code put(obj, block, timeout)} spelled literally: {@code block == false} is
     * {@link #putNowait(Object)} (the timeout is ignored, as in billiard), a {@code null} timeout waits
     * indefinitely.
     *
     * @param item    the item
     * @param block   whether to wait for a slot
     * @param timeout how long to wait, or {@code null} for no limit
     * @throws Full                 as {@link #put(Object, Duration)}
     * @throws InterruptedException as {@link #put(Object)}
     */
    default void put(T item, boolean block, Duration timeout) throws InterruptedException, Full {
        if (!block) {
            putNowait(item);
        } else if (timeout == null) {
            put(item);
        } else {
            put(item, timeout);
        }
    }

    /**
     * Removes and returns the next item, waiting until one is available. billiard: {@code get()}.
     *
     * @return the item, possibly {@code null}
     * @throws InterruptedException    if interrupted while waiting; no item was taken
     * @throws CodecException          if the item arrived intact but cannot be decoded; it is consumed
     * @throws QueueCorruptedException if corrupt bytes were found and discarded
     * @throws QueueClosedException    if this handle was closed
     */
    T get() throws InterruptedException;

    /**
     * Removes and returns the next item, waiting at most {@code timeout}. billiard:
     * {@code get(timeout=t)}.
     *
     * @param timeout how long to wait; zero or negative means take an available item, do not wait
     * @return the item, possibly {@code null}
     * @throws Empty                   if no item arrived in time
     * @throws InterruptedException    if interrupted while waiting; no item was taken
     * @throws CodecException          if the item arrived intact but cannot be decoded; it is consumed
     * @throws QueueCorruptedException if corrupt bytes were found and discarded
     * @throws QueueClosedException    if this handle was closed
     */
    T get(Duration timeout) throws InterruptedException, Empty;

    /**
     * Removes and returns an item if one is available now. billiard: {@code get_nowait()}.
     *
     * @return the item, possibly {@code null}
     * @throws Empty                   if no item is available
     * @throws CodecException          if the item arrived intact but cannot be decoded; it is consumed
     * @throws QueueCorruptedException if corrupt bytes were found and discarded
     * @throws QueueClosedException    if this handle was closed
     */
    T getNowait() throws Empty;

    /**
     * billiard's {@code get(block, timeout)} spelled literally: {@code block == false} is
     * {@link #getNowait()}, a {@code null} timeout waits indefinitely.
     *
     * @param block   whether to wait
     * @param timeout how long to wait, or {@code null} for no limit
     * @return the item
     * @throws Empty                as {@link #get(Duration)}
     * @throws InterruptedException as {@link #get()}
     */
    default T get(boolean block, Duration timeout) throws InterruptedException, Empty {
        if (!block) {
            return getNowait();
        }
        return timeout == null ? get() : get(timeout);
    }

    /**
     * Returns the number of items in the queue: those put (and not yet taken) by every process,
     * including items still in a feeder's buffer. billiard: {@code qsize()}. Exact at the instant it
     * is read (BEHAVIOUR row 5), approximate as soon as others act.
     *
     * @return the number of items
     * @throws UnsupportedOperationException if the context does not declare {@link Feature#QSIZE}
     * @throws QueueClosedException          if this handle was closed
     */
    int qsize();

    /**
     * Returns whether the queue appears empty. billiard: {@code empty()}. Where
     * {@link Feature#IMMEDIATE_VISIBILITY} is declared this agrees with {@link #qsize()} and
     * {@link #getNowait()}.
     *
     * @return {@code true} if no item is available
     * @throws QueueClosedException if this handle was closed
     */
    boolean empty();

    /**
     * Returns whether the queue holds {@link #maxsize()} items. billiard: {@code full()}.
     *
     * @return {@code true} if a {@link #putNowait(Object)} would throw {@link Full}
     * @throws QueueClosedException if this handle was closed
     */
    boolean full();

    /**
     * Returns the bound given at creation, or {@link #UNBOUNDED} if it was zero or negative (BEHAVIOUR
     * row 1). billiard: the {@code maxsize} argument ({@code _maxsize}).
     *
     * @return the capacity
     */
    int maxsize();

    /**
     * Returns a string from which {@link Context#attachQueue(String)} (in any process of the same
     * user) attaches to this queue.
     *
     * @return the address
     * @throws UnsupportedOperationException if the context does not declare
     *                                       {@link Feature#ATTACH_BY_ADDRESS}
     */
    String address();

    /**
     * Closes this handle: no more {@code put} or {@code get} through it. Items already accepted by
     * {@code put} are still flushed by the feeder (unlike billiard, BEHAVIOUR row 10). Other handles
     * of the queue are unaffected. Idempotent. billiard: {@code close()}.
     */
    @Override
    void close();

    /**
     * Returns this queue as a {@link java.util.concurrent.BlockingQueue}, for code written against
     * {@code java.util.concurrent}: {@code offer}, {@code poll}, {@code put}, {@code take} and their
     * timed forms map onto this queue's operations, {@code null} items are rejected as
     * {@code BlockingQueue} requires, and the {@code Collection} methods that would need to look at
     * items without taking them ({@code peek}, {@code iterator}, {@code contains}...) throw
     * {@link UnsupportedOperationException}. {@link BlockingQueueView} gives the whole mapping.
     *
     * @return a view of this handle; closing the handle closes the view's queue too
     */
    default java.util.concurrent.BlockingQueue<T> asBlockingQueue() {
        return new BlockingQueueView<>(this);
    }

    /**
     * Returns whether {@link #close()} was called on this handle.
     *
     * @return {@code true} once closed
     */
    boolean isClosed();

    /**
     * Waits until the feeder has flushed everything this handle accepted. billiard:
     * {@code join_thread()}; allowed only after {@link #close()} (BEHAVIOUR row 11). Returns at once
     * after {@link #cancelJoinThread()}.
     *
     * @throws IllegalStateException if the handle is not closed
     * @throws InterruptedException  if interrupted while waiting
     */
    void joinThread() throws InterruptedException;

    /**
     * Opts out of flushing on exit: the process may exit without waiting for this handle's feeder,
     * and {@link #joinThread()} returns at once. Items not yet flushed may then be lost. billiard:
     * {@code cancel_join_thread()}.
     */
    void cancelJoinThread();
}
