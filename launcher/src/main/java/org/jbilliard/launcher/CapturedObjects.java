package org.jbilliard.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds objects of interest (queue handles) inside a serialized task, for a
 * {@link LaunchSupport#pinCapturedQueues(byte[])}: the task is deserialized in the parent, as the
 * child will deserialize it, and every object the stream resolves to that {@code wanted} accepts is
 * returned. Deserializing a queue handle attaches it, which is what pins its queue.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
public final class CapturedObjects {

    private CapturedObjects() {
    }

    /**
     * Deserializes {@code task} and returns the objects in it that {@code wanted} accepts, in stream
     * order. Never throws for the task's content: a task that cannot be deserialized here yields what
     * was found before the failure (the child fails on it too, and reports it).
     *
     * @param task   a task serialized by the launcher
     * @param wanted which objects to return
     * @return the objects found
     */
    public static List<Object> find(byte[] task, Predicate<Object> wanted) {
        List<Object> found = new ArrayList<>();
        try (Collector in = new Collector(task, wanted, found)) {
            in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // Deserializing here only serves to find the objects; the child deserializes for real.
        }
        return found;
    }

    /** Notes every object that deserialization produces and {@code wanted} accepts. */
    private static final class Collector extends TaskSerialization.SystemLoaderInputStream {
        private final Predicate<Object> wanted;
        private final List<Object> found;

        Collector(byte[] task, Predicate<Object> wanted, List<Object> found) throws IOException {
            super(task);
            this.wanted = wanted;
            this.found = found;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object object) {
            if (wanted.test(object)) {
                found.add(object);
            }
            return object;
        }
    }
}
