package org.jbilliard.tck.mutants;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.Queue;

/**
 * One defect of {@link Queue} handles given as functions, for {@link Mutant#of}: each function set replaces
 * one operation and receives the real handle, e.g. {@code patch().empty(q -> false)}; every other operation
 * is forwarded. So a stateless defect is one expression instead of a forwarding subclass. The functions are
 * serializable lambdas, so a patched handle travels into a task with its defect.
 *
 * <p>Immutable: each setter returns a new patch. A patched handle is as thread-safe as the real one.
 */
public final class QueuePatch implements UnaryOperator<Queue<Object>>, Serializable {
    private static final long serialVersionUID = 1L;

    /** Replaces {@code put(item)}. */
    public interface Put extends Serializable {
        /**
         * @param real the real handle
         * @param item the item
         * @throws InterruptedException as {@link Queue#put(Object)}
         */
        void put(Queue<Object> real, Object item) throws InterruptedException;
    }

    /** Replaces {@code put(item, timeout)}. */
    public interface TimedPut extends Serializable {
        /**
         * @param real    the real handle
         * @param item    the item
         * @param timeout the timeout
         * @throws InterruptedException as {@link Queue#put(Object, Duration)}
         * @throws Full                 as {@link Queue#put(Object, Duration)}
         */
        void put(Queue<Object> real, Object item, Duration timeout) throws InterruptedException, Full;
    }

    /** Replaces {@code putNowait(item)}. */
    public interface PutNowait extends Serializable {
        /**
         * @param real the real handle
         * @param item the item
         * @throws Full as {@link Queue#putNowait(Object)}
         */
        void put(Queue<Object> real, Object item) throws Full;
    }

    /** Replaces {@code get()}. */
    public interface Get extends Serializable {
        /**
         * @param real the real handle
         * @return the item
         * @throws InterruptedException as {@link Queue#get()}
         */
        Object get(Queue<Object> real) throws InterruptedException;
    }

    /** Replaces {@code get(timeout)}. */
    public interface TimedGet extends Serializable {
        /**
         * @param real    the real handle
         * @param timeout the timeout
         * @return the item
         * @throws InterruptedException as {@link Queue#get(Duration)}
         * @throws Empty                as {@link Queue#get(Duration)}
         */
        Object get(Queue<Object> real, Duration timeout) throws InterruptedException, Empty;
    }

    /** Replaces {@code getNowait()}. */
    public interface GetNowait extends Serializable {
        /**
         * @param real the real handle
         * @return the item
         * @throws Empty as {@link Queue#getNowait()}
         */
        Object get(Queue<Object> real) throws Empty;
    }

    /** Replaces a query ({@code qsize()}, {@code empty()}, {@code maxsize()}). */
    public interface Query<R> extends Serializable {
        /**
         * @param real the real handle
         * @return the answer
         */
        R ask(Queue<Object> real);
    }

    /** Replaces {@code joinThread()}. */
    public interface JoinThread extends Serializable {
        /**
         * @param real the real handle
         * @throws InterruptedException as {@link Queue#joinThread()}
         */
        void join(Queue<Object> real) throws InterruptedException;
    }

    private Put put;
    private TimedPut timedPut;
    private PutNowait putNowait;
    private Get get;
    private TimedGet timedGet;
    private GetNowait getNowait;
    private Query<Integer> qsize;
    private Query<Boolean> empty;
    private Query<Integer> maxsize;
    private JoinThread joinThread;

    private QueuePatch() {
    }

    private QueuePatch(QueuePatch other) {
        put = other.put;
        timedPut = other.timedPut;
        putNowait = other.putNowait;
        get = other.get;
        timedGet = other.timedGet;
        getNowait = other.getNowait;
        qsize = other.qsize;
        empty = other.empty;
        maxsize = other.maxsize;
        joinThread = other.joinThread;
    }

    private QueuePatch with(java.util.function.Consumer<QueuePatch> change) {
        QueuePatch copy = new QueuePatch(this);
        change.accept(copy);
        return copy;
    }

    /** @return a patch that changes nothing yet */
    public static QueuePatch patch() {
        return new QueuePatch();
    }

    /**
     * Replaces {@code put(item)}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch put(Put f) {
        return with(p -> p.put = f);
    }

    /**
     * Replaces {@code put(item, timeout)}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch timedPut(TimedPut f) {
        return with(p -> p.timedPut = f);
    }

    /**
     * Replaces {@code putNowait(item)}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch putNowait(PutNowait f) {
        return with(p -> p.putNowait = f);
    }

    /**
     * Replaces {@code get()}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch get(Get f) {
        return with(p -> p.get = f);
    }

    /**
     * Replaces {@code get(timeout)}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch timedGet(TimedGet f) {
        return with(p -> p.timedGet = f);
    }

    /**
     * Replaces {@code getNowait()}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch getNowait(GetNowait f) {
        return with(p -> p.getNowait = f);
    }

    /**
     * Replaces {@code qsize()}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch qsize(Query<Integer> f) {
        return with(p -> p.qsize = f);
    }

    /**
     * Replaces {@code empty()}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch empty(Query<Boolean> f) {
        return with(p -> p.empty = f);
    }

    /**
     * Replaces {@code maxsize()}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch maxsize(Query<Integer> f) {
        return with(p -> p.maxsize = f);
    }

    /**
     * Replaces {@code joinThread()}.
     *
     * @param f the new operation
     * @return a patch with it
     */
    public QueuePatch joinThread(JoinThread f) {
        return with(p -> p.joinThread = f);
    }

    @Override
    public Queue<Object> apply(Queue<Object> queue) {
        return new Patched(queue, this);
    }

    /**
     * Patches a handle of any item type.
     *
     * @param <T>   item type
     * @param queue the real handle
     * @return the patched handle
     */
    @SuppressWarnings("unchecked")
    public <T> Queue<T> on(Queue<T> queue) {
        return (Queue<T>) (Queue<?>) apply((Queue<Object>) queue);
    }

    /** A handle with the patch's operations in place of the real ones. */
    private static final class Patched extends ForwardingQueue<Object> {
        private static final long serialVersionUID = 1L;

        private final QueuePatch patch;

        Patched(Queue<Object> delegate, QueuePatch patch) {
            super(delegate);
            this.patch = patch;
        }

        @Override
        public void put(Object item) throws InterruptedException {
            if (patch.put == null) {
                delegate.put(item);
            } else {
                patch.put.put(delegate, item);
            }
        }

        @Override
        public void put(Object item, Duration timeout) throws InterruptedException, Full {
            if (patch.timedPut == null) {
                delegate.put(item, timeout);
            } else {
                patch.timedPut.put(delegate, item, timeout);
            }
        }

        @Override
        public void putNowait(Object item) throws Full {
            if (patch.putNowait == null) {
                delegate.putNowait(item);
            } else {
                patch.putNowait.put(delegate, item);
            }
        }

        @Override
        public Object get() throws InterruptedException {
            return patch.get == null ? delegate.get() : patch.get.get(delegate);
        }

        @Override
        public Object get(Duration timeout) throws InterruptedException, Empty {
            return patch.timedGet == null ? delegate.get(timeout) : patch.timedGet.get(delegate, timeout);
        }

        @Override
        public Object getNowait() throws Empty {
            return patch.getNowait == null ? delegate.getNowait() : patch.getNowait.get(delegate);
        }

        @Override
        public int qsize() {
            return patch.qsize == null ? delegate.qsize() : patch.qsize.ask(delegate);
        }

        @Override
        public boolean empty() {
            return patch.empty == null ? delegate.empty() : patch.empty.ask(delegate);
        }

        @Override
        public int maxsize() {
            return patch.maxsize == null ? delegate.maxsize() : patch.maxsize.ask(delegate);
        }

        @Override
        public void joinThread() throws InterruptedException {
            if (patch.joinThread == null) {
                delegate.joinThread();
            } else {
                patch.joinThread.join(delegate);
            }
        }
    }
}
