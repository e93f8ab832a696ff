package org.jbilliard.redis;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jbilliard.Task;
import org.jbilliard.launcher.CapturedObjects;
import org.jbilliard.launcher.LaunchSupport;
import org.jbilliard.reference.process.ReferenceLaunchSupport;

/**
 * What the Redis context contributes to the shared launcher ({@code org.jbilliard.launcher}): how
 * the queues a task captured are kept on the server until the child has attached to them. The last
 * handle's close deletes a Redis queue, so a parent that closes its handles right after
 * {@code start()} would remove a queue the child has yet to attach; {@code start()} therefore
 * deserializes the task in the parent (each {@link SerializedHandle} attaches a leased handle of its
 * own, refreshed by this JVM's {@link LeaseKeeper}) and closes those handles when the child exits.
 * The start-up cache is the reference implementation's: the same boot jar and training, so both
 * contexts' children start from one cache, built once (by whichever context starts a child first),
 * not one each; this context's classes are not in it (its client library could not be in the cache's
 * boot jar), the reference's codec, which this context uses by default, is.
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
    public List<Class<?>> cachedPackages() {
        return ReferenceLaunchSupport.INSTANCE.cachedPackages();
    }

    @Override
    public Optional<Task> startupTraining(Path scratch) {
        return ReferenceLaunchSupport.INSTANCE.startupTraining(scratch);
    }

    @Override
    public String toString() {
        return "RedisLaunchSupport";
    }
}
