package org.jbilliard.reference.process;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;

/**
 * Keeps the queues a task captured alive in the parent until the child has exited.
 *
 * <p>A started child attaches to its captured queues only when it deserializes its task, some
 * hundred milliseconds after {@code start()} returned. A parent that closes its own handle in
 * between (billiard allows it: the child's handle denotes the same queue) would otherwise remove the
 * last attachment, and the queue with it, before the child got there. So {@code start()} attaches a
 * second set of handles in the parent, by deserializing the task bytes the child is sent, and closes
 * them once the child has exited. They are never used for anything else. Like every handle of a
 * queue in one process, they share the parent's attachment to it, so they cost no slot, descriptor
 * or mapping; holding them is what keeps that attachment (and so the queue) alive.
 *
 * <p><b>Thread-safety.</b> Instances are confined to the thread that calls {@link #close()}, which
 * is the thread that completes the child's exit.
 */
final class CapturedQueues implements AutoCloseable {

    private final List<AutoCloseable> handles;

    private CapturedQueues(List<AutoCloseable> handles) {
        this.handles = handles;
    }

    /**
     * Attaches the queues captured in a serialized task. A queue that can no longer be attached is
     * left out: the child will fail on it as well, and report it.
     */
    static CapturedQueues attach(byte[] task) {
        List<AutoCloseable> handles = new ArrayList<>();
        try (ObjectInputStream in = new Collector(task, handles)) {
            in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // Deserializing here only serves to hold attachments; the child deserializes for real.
        }
        return new CapturedQueues(handles);
    }

    int size() {
        return handles.size();
    }

    @Override
    public void close() {
        for (AutoCloseable handle : handles) {
            try {
                handle.close();
            } catch (Exception e) {
                // a handle whose queue went away meanwhile: nothing left to release
            }
        }
        handles.clear();
    }

    /** Notes every queue handle that deserialization produces. */
    private static final class Collector extends TaskSerialization.SystemLoaderInputStream {
        private final List<AutoCloseable> handles;

        Collector(byte[] task, List<AutoCloseable> handles) throws IOException {
            super(task);
            this.handles = handles;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object object) {
            if (object instanceof Queue<?> || object instanceof SimpleQueue<?>) {
                handles.add((AutoCloseable) object);
            }
            return object;
        }
    }

}
