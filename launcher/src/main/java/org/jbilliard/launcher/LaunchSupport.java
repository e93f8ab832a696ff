package org.jbilliard.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jbilliard.Task;

/**
 * What a {@link org.jbilliard.Context} contributes to the launch of its task processes: the one part
 * of the launcher that depends on how the context's queues work. Only {@link #pinCapturedQueues} is
 * required; the other methods are start-up hints with neutral defaults.
 *
 * <p>Pinning: a started child attaches to the queues its task captured only when it deserializes the
 * task, some time after {@code start()} returned. A parent that closes its own handles in between
 * (billiard allows it) must not remove such a queue before the child got there, so from
 * {@code start()} until the child has exited the launcher keeps what this method returns open. How a
 * queue is kept alive is the context's business (the reference attaches a second handle in the parent,
 * which shares the parent's attachment; the Redis context holds leased handles on the server);
 * {@link CapturedObjects} finds the handles inside a serialized task for both.
 *
 * <p><b>Thread-safety.</b> Implementations must be thread-safe: processes start from any thread.
 */
public interface LaunchSupport {

    /**
     * Keeps alive, in this JVM, every queue the serialized task captured. Called by {@code start()}
     * before the task is sent; the result is closed once the child has exited. Must not throw: a
     * queue that cannot be pinned is left out (the child then fails on it and reports it).
     *
     * @param task the task as the child receives it (Java serialization)
     * @return what releases the pins
     */
    Pins pinCapturedQueues(byte[] task);

    /**
     * Classes whose package and subpackages the children's start-up cache copies into its boot jar,
     * besides jbilliard's api and this launcher, so that a child's queue code comes from the cache.
     *
     * @return anchors, e.g. the context class; empty by default
     */
    default List<Class<?>> cachedPackages() {
        return List.of();
    }

    /**
     * A task that the start-up cache's training run runs after the launcher's own rehearsal, to
     * exercise what the context's children typically do first (attach a queue, put, get). It runs
     * in a JVM whose class path is the boot jar alone, with {@code java.io.tmpdir} set to a scratch
     * directory that is deleted afterwards, and must not need anything outside the JDK, the api and
     * {@link #cachedPackages()}.
     *
     * @param scratch a private directory for whatever files the rehearsal needs
     * @return the rehearsal, or empty (the default) for none
     */
    default Optional<Task> startupTraining(Path scratch) {
        return Optional.empty();
    }

    /**
     * Names a class that a child runs on a helper thread while its main thread deserializes the task,
     * e.g. to bind native functions the task's queues will call. The class must be public, implement
     * {@link Runnable}, have a public no-argument constructor and be on the child's class path; its
     * failures are ignored (the task's own first call reports what matters).
     *
     * @param task the serialized task, or {@code null} for a warm spare, which runs its prelude while
     *             it waits and does not know its task yet (name what any task may need)
     * @return the class name, or empty (the default) for none
     */
    default Optional<String> childPrelude(byte[] task) {
        return Optional.empty();
    }

    /** Releases what {@link #pinCapturedQueues(byte[])} pinned. */
    @FunctionalInterface
    interface Pins extends AutoCloseable {

        /** Pins nothing. */
        Pins NONE = () -> { };

        /** Releases the pins; never throws. */
        @Override
        void close();
    }
}
