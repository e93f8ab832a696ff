package org.jbilliard.tck.mutants;

import java.io.Serializable;
import org.jbilliard.SimpleQueue;

/**
 * A simple queue handle that forwards every call.
 *
 * @param <T> item type
 */
@SuppressWarnings("serial")
public class ForwardingSimpleQueue<T> implements SimpleQueue<T>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The handle calls are forwarded to. */
    protected final SimpleQueue<T> delegate;

    /**
     * Wraps a handle.
     *
     * @param delegate the real handle
     */
    public ForwardingSimpleQueue(SimpleQueue<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public T get() throws InterruptedException {
        return delegate.get();
    }

    @Override
    public void put(T item) throws InterruptedException {
        delegate.put(item);
    }

    @Override
    public boolean empty() {
        return delegate.empty();
    }

    @Override
    public byte[] getPayload() throws InterruptedException {
        return delegate.getPayload();
    }

    @Override
    public void sendPayload(byte[] payload) throws InterruptedException {
        delegate.sendPayload(payload);
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
}
