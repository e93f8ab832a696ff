package org.jbilliard.redis;

import java.util.List;
import org.jbilliard.launcher.CapturedObjects;
import org.jbilliard.launcher.LaunchSupport;

/**
 * What the Redis context contributes to the shared launcher ({@code org.jbilliard.launcher}): how
 * the queues a task captured are kept on the server until the child has attached to them. The last
 * handle's close deletes a Redis queue, so a parent that closes its handles right after
 * {@code start()} would remove a queue the child has yet to attach; {@code start()} therefore
 * deserializes the task in the parent (each {@link SerializedHandle} attaches a leased handle of its
 * own, refreshed by this JVM's {@link LeaseKeeper}) and closes those handles when the child exits.
 * The start-up hints keep their defaults: the children's start-up cache holds the api's and the
 * launcher's classes, not this context's (whose client library is not in the cache's boot jar).
 *
 * <p><b>Thread-safety.</b> Stateless; {@link #INSTANCE} is shared.
 */
final class RedisLaunchSupport implements LaunchSupport {

    static final RedisLaunchSupport INSTANCE = new RedisLaunchSupport();

    private RedisLaunchSupport() {
    }

    @Override
    public Pins pinCapturedQueues(byte[] task) {
        List<Object> handles = CapturedObjects.find(task, o -> o instanceof RedisQueue<?> || o instanceof RedisSimpleQueue<?>);
        if (handles.isEmpty()) {
            return Pins.NONE;
        }
        return () -> {
            for (Object handle : handles) {
                try {
                    ((AutoCloseable) handle).close();
                } catch (Exception e) {
                    // closing never throws for an outage; a handle already closed has nothing to release
                }
            }
        };
    }

    @Override
    public String toString() {
        return "RedisLaunchSupport";
    }
}
