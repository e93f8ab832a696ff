package org.jbilliard.reference.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jbilliard.Task;
import org.jbilliard.launcher.LaunchSupport;
import org.jbilliard.reference.ReferenceContext;

/**
 * What the reference implementation contributes to the shared launcher ({@code org.jbilliard.launcher}):
 * captured pipe queues are pinned by a second attachment in the parent ({@link CapturedQueues}); the
 * start-up cache holds this implementation's classes and rehearses a queue round trip and its libc
 * calls ({@link QueueTraining}); a child whose task captured a queue binds libc on a helper thread
 * ({@link NativePrelude}).
 *
 * <p><b>Thread-safety.</b> Stateless; {@link #INSTANCE} is shared.
 */
public final class ReferenceLaunchSupport implements LaunchSupport {

    /** The one instance (the start-up cache tells contexts apart by this class). */
    public static final ReferenceLaunchSupport INSTANCE = new ReferenceLaunchSupport();

    private static final byte[] QUEUE_PACKAGE = "org.jbilliard.reference.queue.".getBytes(StandardCharsets.US_ASCII);

    private ReferenceLaunchSupport() {
    }

    @Override
    public Pins pinCapturedQueues(byte[] task) {
        return CapturedQueues.attach(task);
    }

    @Override
    public List<Class<?>> cachedPackages() {
        return List.of(ReferenceContext.class);
    }

    @Override
    public Optional<Task> startupTraining(Path scratch) {
        return Optional.of(QueueTraining.task(scratch.toString()));
    }

    /**
     * The libc prelude if the serialized task names a class of the queue package — the stream names
     * the class of every object in it, and a captured queue is written as one; a false positive only
     * costs the helper's work. For a warm spare ({@code task} {@code null}), which does not know its
     * task yet and has time while it waits, {@link SparePrelude}: libc and a queue round trip.
     */
    @Override
    public Optional<String> childPrelude(byte[] task) {
        if (task == null) {
            return Optional.of(SparePrelude.class.getName());
        }
        return contains(task, QUEUE_PACKAGE) ? Optional.of(NativePrelude.class.getName()) : Optional.empty();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "ReferenceLaunchSupport";
    }
}
