package org.jbilliard.reference.process;

import java.time.Duration;
import org.jbilliard.Queue;
import org.jbilliard.reference.ReferenceContext;
import org.jbilliard.reference.nativeio.LibC;

/**
 * The reference implementation's prelude for a warm spare, which runs it while it waits for a task
 * ({@link org.jbilliard.launcher.LaunchSupport#childPrelude} with no task): binds libc as
 * {@link NativePrelude} does, then makes a private queue, puts, gets and closes it, so that the code
 * a task's queues run first — creating the context (which also removes stale files once per JVM),
 * attaching, the feeder, a put and a get — is loaded, linked and interpreted once before the task
 * arrives. The queue is this JVM's alone and is removed by its close; a spare killed half-way leaves
 * it to the stale-file removal of the next context, as any killed process does.
 *
 * <p><b>Thread-safety.</b> Stateless; run once per spare, on the launcher's helper thread.
 */
public final class SparePrelude implements Runnable {

    /** Creates the prelude; the launcher calls it reflectively in the spare. */
    public SparePrelude() {
    }

    @Override
    public void run() {
        LibC.prelink();
        try (Queue<Object> queue = new ReferenceContext().queue()) {
            queue.put(1L);
            queue.get(Duration.ofSeconds(5));
        } catch (Exception e) {
            // A warm-up only; the task's own queues report what matters.
        }
    }
}
