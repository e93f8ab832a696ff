package org.jbilliard.dummy;

import java.time.Duration;
import java.util.Objects;
import org.jbilliard.JoinableQueue;

/**
 * A handle on a dummy joinable queue: the core keeps the unfinished-task count.
 *
 * @param <T> item type
 */
final class DummyJoinableQueue<T> extends DummyQueue<T> implements JoinableQueue<T> {
    private static final long serialVersionUID = 1L;

    DummyJoinableQueue(QueueCore core, boolean qsizeSupported, boolean attachSupported) {
        super(core, qsizeSupported, attachSupported);
    }

    @Override
    public void taskDone() {
        ensureOpen("taskDone");
        core.taskDone();
    }

    @Override
    public void join() throws InterruptedException {
        ensureOpen("join");
        core.awaitDone(-1);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen("join");
        return core.awaitDone(QueueCore.nanos(timeout));
    }
}
