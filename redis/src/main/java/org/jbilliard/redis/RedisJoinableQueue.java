package org.jbilliard.redis;

import java.time.Duration;
import org.jbilliard.JoinableQueue;

/**
 * A handle on a {@link JoinableQueue} on a Redis server: the unfinished-task counter is a key of
 * the queue, changed by the same script that puts an item, so it counts exactly the items put.
 *
 * <p><b>Thread-safety.</b> Thread-safe.
 *
 * @param <T> the item type
 */
public final class RedisJoinableQueue<T> extends RedisQueue<T> implements JoinableQueue<T> {

    private static final long serialVersionUID = 1L;

    RedisJoinableQueue(QueueCore core, int maxItemBytes) {
        super(core, maxItemBytes);
    }

    @Override
    public void taskDone() {
        core.taskDone();
    }

    @Override
    public void join() throws InterruptedException {
        core.join(Long.MAX_VALUE);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return core.join(deadline(timeout));
    }

    @Override
    public String toString() {
        return "RedisJoinableQueue[" + core + (core.isClosed() ? ", closed" : "") + "]";
    }
}
