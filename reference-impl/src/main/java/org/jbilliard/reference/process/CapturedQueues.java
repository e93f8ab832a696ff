package org.jbilliard.reference.process;

import java.util.List;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.launcher.CapturedObjects;
import org.jbilliard.launcher.LaunchSupport;

/**
 * Keeps the pipe queues a task captured alive in the parent until the child has exited: the
 * reference implementation's {@link LaunchSupport#pinCapturedQueues(byte[])}.
 *
 * <p>A started child attaches to its captured queues only when it deserializes its task, some
 * hundred milliseconds after {@code start()} returned. A parent that closes its own handle in
 * between (billiard allows it: the child's handle denotes the same queue) would otherwise remove the
 * last attachment, and the queue with it, before the child got there. So {@code start()} attaches a
 * second set of handles in the parent, by deserializing the task bytes the child is sent
 * ({@link CapturedObjects}), and closes them once the child has exited. They are never used for
 * anything else. Like every handle of a queue in one process, they share the parent's attachment to
 * it, so they cost no slot, descriptor or mapping; holding them is what keeps that attachment (and so
 * the queue) alive.
 *
 * <p><b>Thread-safety.</b> Instances are confined to the thread that calls {@link #close()}, which
 * is the thread that completes the child's exit.
 */
final class CapturedQueues implements LaunchSupport.Pins {

    private final List<Object> handles;

    private CapturedQueues(List<Object> handles) {
        this.handles = handles;
    }

    /**
     * Attaches the queues captured in a serialized task. A queue that can no longer be attached is
     * left out: the child will fail on it as well, and report it.
     */
    static CapturedQueues attach(byte[] task) {
        return new CapturedQueues(CapturedObjects.find(task, o -> o instanceof Queue<?> || o instanceof SimpleQueue<?>));
    }

    int size() {
        return handles.size();
    }

    @Override
    public void close() {
        for (Object handle : handles) {
            try {
                ((AutoCloseable) handle).close();
            } catch (Exception e) {
                // a handle whose queue went away meanwhile: nothing left to release
            }
        }
        handles.clear();
    }
}
