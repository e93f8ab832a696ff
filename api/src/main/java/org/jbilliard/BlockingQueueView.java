package org.jbilliard;

import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Queue} seen as a {@link BlockingQueue}, for code written against
 * {@code java.util.concurrent} (executors, pipelines, libraries that take a {@code BlockingQueue}).
 * Obtain one with {@link Queue#asBlockingQueue()}; every operation goes straight to the queue, so the
 * view is as cross-process as the queue itself and holds no state of its own.
 *
 * <h2>How the operations map</h2>
 * <table class="striped">
 * <caption>BlockingQueue operations and the Queue calls behind them</caption>
 * <thead><tr><th>BlockingQueue</th><th>Queue</th><th>when the queue is full / empty</th></tr></thead>
 * <tbody>
 * <tr><td>{@link #offer(Object) offer(e)}</td><td>{@link Queue#putNowait(Object) putNowait(e)}</td>
 *     <td>returns {@code false} (instead of {@link Full})</td></tr>
 * <tr><td>{@link #add(Object) add(e)}</td><td>{@link Queue#putNowait(Object) putNowait(e)}</td>
 *     <td>throws {@link IllegalStateException}</td></tr>
 * <tr><td>{@link #put(Object) put(e)}</td><td>{@link Queue#put(Object) put(e)}</td><td>blocks</td></tr>
 * <tr><td>{@link #offer(Object, long, TimeUnit) offer(e, t, unit)}</td>
 *     <td>{@link Queue#put(Object, Duration) put(e, timeout)}</td><td>returns {@code false}</td></tr>
 * <tr><td>{@link #poll() poll()}</td><td>{@link Queue#getNowait() getNowait()}</td>
 *     <td>returns {@code null} (instead of {@link Empty})</td></tr>
 * <tr><td>{@link #remove() remove()}</td><td>{@link Queue#getNowait() getNowait()}</td>
 *     <td>throws {@link java.util.NoSuchElementException}</td></tr>
 * <tr><td>{@link #take() take()}</td><td>{@link Queue#get() get()}</td><td>blocks</td></tr>
 * <tr><td>{@link #poll(long, TimeUnit) poll(t, unit)}</td>
 *     <td>{@link Queue#get(Duration) get(timeout)}</td><td>returns {@code null}</td></tr>
 * <tr><td>{@link #drainTo(Collection) drainTo(c)}, {@link #drainTo(Collection, int) drainTo(c, n)}</td>
 *     <td>{@link Queue#getNowait() getNowait()} until empty (or {@code n} items)</td><td>stops</td></tr>
 * <tr><td>{@link #clear() clear()}</td><td>{@link Queue#getNowait() getNowait()} until empty</td>
 *     <td>returns</td></tr>
 * <tr><td>{@link #size() size()}</td><td>{@link Queue#qsize() qsize()}</td><td>(approximate,
 *     as in billiard; {@link UnsupportedOperationException} without {@link Feature#QSIZE})</td></tr>
 * <tr><td>{@link #isEmpty() isEmpty()}</td><td>{@link Queue#empty() empty()}</td><td></td></tr>
 * <tr><td>{@link #remainingCapacity() remainingCapacity()}</td>
 *     <td>{@link Queue#maxsize() maxsize()} − {@link Queue#qsize() qsize()}</td>
 *     <td>{@link Integer#MAX_VALUE} for an unbounded queue</td></tr>
 * </tbody>
 * </table>
 * Timeouts, interrupts and the exceptions of the queue ({@link CodecException},
 * {@link ItemTooLargeException}, {@link QueueClosedException}, {@link QueueCorruptedException}) are
 * those of the {@link Queue} method called; {@link Full} and {@link Empty} never escape the view.
 *
 * <h2>{@code null}</h2>
 * A jbilliard queue accepts {@code null} items (billiard's {@code put(None)} sentinel); a
 * {@code BlockingQueue} does not, and uses {@code null} to mean "nothing there". So the view rejects
 * {@code null} on every insert with {@link NullPointerException}, as {@code BlockingQueue} requires,
 * and a {@code null} item that reaches the view anyway (put through the {@link Queue} itself, by this
 * or another process) is consumed and reported by {@link IllegalStateException} from the remove
 * operation that took it, never returned as if the queue were empty. Producers that feed a view's
 * consumers therefore use a non-null end marker.
 *
 * <h2>Not supported</h2>
 * A cross-process queue cannot show an item without taking it, nor take a given item out of the
 * middle, so these throw {@link UnsupportedOperationException}: {@link #peek()}, {@link #element()},
 * {@link #iterator()} and everything built on it ({@code contains}, {@code containsAll},
 * {@code remove(Object)}, {@code removeAll}, {@code retainAll}, {@code removeIf}, {@code toArray},
 * {@code forEach}, {@code stream}, {@code spliterator}). {@link #addAll(Collection)} is supported
 * (one {@link #add(Object)} per element, stopping at the first full or failing one).
 *
 * <h2>Memory consistency</h2>
 * That of the {@link Queue}: actions before {@code put} in one thread happen-before actions after
 * the matching {@code take} in another thread of the same process; across processes the receiver
 * sees the encoded snapshot.
 *
 * <p><b>Thread-safety.</b> Thread-safe, as the underlying queue handle is; the view is stateless.
 *
 * @param <T> the type of the items
 */
public final class BlockingQueueView<T> extends AbstractQueue<T> implements BlockingQueue<T> {

    private final Queue<T> queue;

    /**
     * Creates a view of {@code queue}; {@link Queue#asBlockingQueue()} is the usual way.
     *
     * @param queue the queue handle every operation goes to
     * @throws NullPointerException if {@code queue} is {@code null}
     */
    public BlockingQueueView(Queue<T> queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /**
     * Returns the queue handle behind this view.
     *
     * @return the queue
     */
    public Queue<T> queue() {
        return queue;
    }

    /**
     * Inserts {@code item} if a slot is free at once ({@link Queue#putNowait(Object)}).
     *
     * @param item the item
     * @return {@code true} if it was enqueued, {@code false} if the queue was full
     * @throws NullPointerException if {@code item} is {@code null}
     */
    @Override
    public boolean offer(T item) {
        requireItem(item);
        try {
            queue.putNowait(item);
            return true;
        } catch (Full full) {
            return false;
        }
    }

    /**
     * Inserts {@code item}, waiting up to the timeout for a slot ({@link Queue#put(Object, Duration)}).
     *
     * @param item    the item
     * @param timeout how long to wait, in {@code unit}; zero or negative means do not wait
     * @param unit    the unit of {@code timeout}
     * @return {@code true} if it was enqueued, {@code false} if no slot became free in time
     * @throws InterruptedException if interrupted while waiting; nothing was enqueued
     * @throws NullPointerException if {@code item} or {@code unit} is {@code null}
     */
    @Override
    public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        requireItem(item);
        Duration wait = toDuration(timeout, unit);
        try {
            queue.put(item, wait);
            return true;
        } catch (Full full) {
            return false;
        }
    }

    /**
     * Inserts {@code item}, waiting for a slot as long as it takes ({@link Queue#put(Object)}).
     *
     * @param item the item
     * @throws InterruptedException if interrupted while waiting; nothing was enqueued
     * @throws NullPointerException if {@code item} is {@code null}
     */
    @Override
    public void put(T item) throws InterruptedException {
        requireItem(item);
        queue.put(item);
    }

    /**
     * Takes an item if one is available at once ({@link Queue#getNowait()}).
     *
     * @return the item, or {@code null} if the queue was empty
     * @throws IllegalStateException if the item taken is {@code null} (see the class documentation)
     */
    @Override
    public T poll() {
        try {
            return nonNull(queue.getNowait());
        } catch (Empty empty) {
            return null;
        }
    }

    /**
     * Takes an item, waiting up to the timeout for one ({@link Queue#get(Duration)}).
     *
     * @param timeout how long to wait, in {@code unit}; zero or negative means do not wait
     * @param unit    the unit of {@code timeout}
     * @return the item, or {@code null} if none arrived in time
     * @throws InterruptedException  if interrupted while waiting; no item was taken
     * @throws NullPointerException  if {@code unit} is {@code null}
     * @throws IllegalStateException if the item taken is {@code null} (see the class documentation)
     */
    @Override
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        Duration wait = toDuration(timeout, unit);
        try {
            return nonNull(queue.get(wait));
        } catch (Empty empty) {
            return null;
        }
    }

    /**
     * Takes an item, waiting as long as it takes ({@link Queue#get()}).
     *
     * @return the item
     * @throws InterruptedException  if interrupted while waiting; no item was taken
     * @throws IllegalStateException if the item taken is {@code null} (see the class documentation)
     */
    @Override
    public T take() throws InterruptedException {
        return nonNull(queue.get());
    }

    /**
     * Not supported: a cross-process queue cannot show an item without taking it.
     *
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public T peek() {
        throw unsupported("peek()", "take the item with poll() instead");
    }

    /**
     * Not supported: a cross-process queue cannot show an item without taking it.
     *
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public T element() {
        throw unsupported("element()", "take the item with remove() instead");
    }

    /**
     * Not supported: the items of a cross-process queue cannot be visited without taking them, so
     * neither can {@code contains}, {@code remove(Object)}, {@code toArray} and the other methods
     * built on iteration.
     *
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public Iterator<T> iterator() {
        throw unsupported("iteration (iterator, contains, remove(Object), toArray, stream...)",
                "take the items with drainTo(collection) and look at them there");
    }

    /**
     * The number of items in the queue ({@link Queue#qsize()}): a snapshot, possibly stale by the
     * time it is returned, since other processes put and get concurrently.
     *
     * @return the number of items
     * @throws UnsupportedOperationException if the context does not declare {@link Feature#QSIZE}
     */
    @Override
    public int size() {
        return queue.qsize();
    }

    /**
     * Whether no item is available ({@link Queue#empty()}); a snapshot, as {@link #size()}.
     *
     * @return {@code true} if no item is available
     */
    @Override
    public boolean isEmpty() {
        return queue.empty();
    }

    /**
     * How many more items the queue accepts without blocking: {@link Integer#MAX_VALUE} if it is
     * unbounded, else {@link Queue#maxsize()} minus {@link Queue#qsize()} (never negative); a
     * snapshot, as {@link #size()}.
     *
     * @return the remaining capacity
     * @throws UnsupportedOperationException for a bounded queue, if the context does not declare
     *                                       {@link Feature#QSIZE}
     */
    @Override
    public int remainingCapacity() {
        int max = queue.maxsize();
        if (max == Queue.UNBOUNDED) {
            return Integer.MAX_VALUE;
        }
        return Math.max(0, max - queue.qsize());
    }

    /**
     * Takes every item available at once and adds it to {@code target}, in the order taken.
     *
     * @param target where the items go
     * @return how many items were moved
     * @throws NullPointerException     if {@code target} is {@code null}
     * @throws IllegalArgumentException if {@code target} is this view
     * @throws IllegalStateException    if an item taken is {@code null}; the items before it are in
     *                                  {@code target}
     */
    @Override
    public int drainTo(Collection<? super T> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    /**
     * Takes at most {@code maxItems} items available at once and adds them to {@code target}, in the
     * order taken.
     *
     * @param target   where the items go
     * @param maxItems the most items to move; zero or negative moves none
     * @return how many items were moved
     * @throws NullPointerException     if {@code target} is {@code null}
     * @throws IllegalArgumentException if {@code target} is this view
     * @throws IllegalStateException    if an item taken is {@code null}; the items before it are in
     *                                  {@code target}
     */
    @Override
    public int drainTo(Collection<? super T> target, int maxItems) {
        Objects.requireNonNull(target, "target");
        if (target == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        int moved = 0;
        while (moved < maxItems) {
            T item = poll();
            if (item == null) {
                break;
            }
            target.add(item);
            moved++;
        }
        return moved;
    }

    /**
     * Takes and discards every item available at once (other processes may put more meanwhile).
     */
    @Override
    public void clear() {
        while (true) {
            try {
                queue.getNowait();
            } catch (Empty empty) {
                return;
            }
        }
    }

    /**
     * Describes the view and its queue; it does not list the items, which cannot be seen without
     * taking them.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "BlockingQueueView[" + queue + "]";
    }

    private static void requireItem(Object item) {
        if (item == null) {
            throw new NullPointerException("a BlockingQueue does not accept null items; put null through "
                    + "the Queue itself (Queue.put(null)) if consumers of the Queue expect it");
        }
    }

    private T nonNull(T item) {
        if (item == null) {
            throw new IllegalStateException("the queue delivered a null item (put through the Queue itself, "
                    + "e.g. as an end marker), which a BlockingQueue cannot return; it was consumed. Producers "
                    + "for a BlockingQueue view use a non-null end marker");
        }
        return item;
    }

    private static Duration toDuration(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        // NOTE: TimeUnit.toNanos saturates at Long.MAX_VALUE nanoseconds (about 292 years), which
        // Duration holds exactly; no overflow for any long timeout.
        return Duration.ofNanos(unit.toNanos(timeout));
    }

    private static UnsupportedOperationException unsupported(String what, String instead) {
        return new UnsupportedOperationException(what + " is not supported by a jbilliard queue's "
                + "BlockingQueue view: a cross-process queue cannot show an item without taking it; " + instead);
    }
}
