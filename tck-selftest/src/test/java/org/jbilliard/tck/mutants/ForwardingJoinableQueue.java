package org.jbilliard.tck.mutants;

import java.time.Duration;
import org.jbilliard.JoinableQueue;

/**
 * A joinable queue handle that forwards every call.
 *
 * @param <T> item type
 */
@SuppressWarnings("serial")
public class ForwardingJoinableQueue<T> extends ForwardingQueue<T> implements JoinableQueue<T> {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps a handle.
     *
     * @param delegate the real handle
     */
    public ForwardingJoinableQueue(JoinableQueue<T> delegate) {
        super(delegate);
    }

    /** @return the real handle */
    protected JoinableQueue<T> joinable() {
        return (JoinableQueue<T>) delegate;
    }

    @Override
    public void taskDone() {
        joinable().taskDone();
    }

    @Override
    public void join() throws InterruptedException {
        joinable().join();
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return joinable().join(timeout);
    }
}
