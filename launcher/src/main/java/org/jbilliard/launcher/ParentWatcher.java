package org.jbilliard.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Child side of orphan prevention: a daemon thread that reads the child's standard input, whose
 * write end only the parent holds. The parent never writes after the launch request and never
 * closes it while the child runs, so end of file (or an error) means the parent process is gone —
 * whether it exited or was killed: the kernel closes a dead process's descriptors.
 *
 * <p>Unlike {@code PR_SET_PDEATHSIG}, this follows the parent <em>process</em>, not the thread that
 * spawned the child. On the parent's death the child deletes its result directory (nobody will read
 * it) and exits through {@code System.exit}, so queue hooks still flush; if the hooks have not
 * finished within {@link #GRACE_MILLIS} (a flush to a queue nobody reads), it halts.
 *
 * <p>The read goes through a {@link FileChannel}, which is interruptible: when the child shuts down
 * for any other reason, {@link #stopWatching()} wakes the thread out of its blocking {@code read}.
 * A thread left blocked in a native call delays the JVM's exit by about 300 ms (HotSpot waits for
 * threads in native code to quiesce), which would be most of a short task's life.
 *
 * <p><b>Thread-safety.</b> {@link #parentGone()} and {@link #stopWatching()} may be called from any
 * thread.
 */
final class ParentWatcher extends Thread {

    /** Exit status of a child whose parent died. Nobody waits for it; documented for completeness. */
    static final int EXIT_PARENT_GONE = 1;
    static final long GRACE_MILLIS = 2_000;

    private final FileChannel control;
    private final ResultDirectory results;
    private volatile boolean parentGone;
    private volatile boolean stopping;

    /**
     * @param control the child's standard input, positioned after the launch request
     * @param results the result directory to delete if the parent dies
     */
    ParentWatcher(FileChannel control, ResultDirectory results) {
        super("jbilliard-parent-watcher");
        this.control = control;
        this.results = results;
        setDaemon(true);
    }

    boolean parentGone() {
        return parentGone;
    }

    /** Called by the child's shutdown hook: the JVM is exiting anyway, stop reading. */
    void stopWatching() {
        if (!parentGone) {
            stopping = true;
            interrupt();
        }
    }

    @Override
    public void run() {
        ByteBuffer sink = ByteBuffer.allocate(64);
        try {
            while (control.read(sink.clear()) >= 0) {
                // The parent sends nothing after the request; discard anything that arrives.
            }
        } catch (IOException e) {
            // Closed by interrupt (stopWatching) or an error: the latter means the same as end of file.
        }
        if (stopping) {
            return;
        }
        parentGone = true;
        results.deleteQuietly();
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        }, "jbilliard-orphan-halter");
        halter.setDaemon(true);
        halter.start();
        System.exit(EXIT_PARENT_GONE);
    }
}
