package org.jbilliard.tck.mutants;

import java.io.Serializable;
import java.time.Duration;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.Queue;

/**
 * A queue handle that forwards every call; mutants override the calls they break. Serializable, so a
 * mutation travels with the handle into a task.
 *
 * @param <T> item type
 */
@SuppressWarnings("serial")
public class ForwardingQueue<T> implements Queue<T>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The handle calls are forwarded to. */
    protected final Queue<T> delegate;

    /**
     * Wraps a handle.
     *
     * @param delegate the real handle
     */
    public ForwardingQueue(Queue<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(T item) throws InterruptedException {
        delegate.put(item);
    }

    @Override
    public void put(T item, Duration timeout) throws InterruptedException, Full {
        delegate.put(item, timeout);
    }

    @Override
    public void putNowait(T item) throws Full {
        delegate.putNowait(item);
    }

    @Override
    public T get() throws InterruptedException {
        return delegate.get();
    }

    @Override
    public T get(Duration timeout) throws InterruptedException, Empty {
        return delegate.get(timeout);
    }

    @Override
    public T getNowait() throws Empty {
        return delegate.getNowait();
    }

    @Override
    public int qsize() {
        return delegate.qsize();
    }

    @Override
    public boolean empty() {
        return delegate.empty();
    }

    @Override
    public boolean full() {
        return delegate.full();
    }

    @Override
    public int maxsize() {
        return delegate.maxsize();
    }

    @Override
    public String address() {
        return delegate.address();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    @Override
    public void joinThread() throws InterruptedException {
        delegate.joinThread();
    }

    @Override
    public void cancelJoinThread() {
        delegate.cancelJoinThread();
    }
}
