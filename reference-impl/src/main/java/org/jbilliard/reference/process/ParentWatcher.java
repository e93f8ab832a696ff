package org.jbilliard.reference.process;

import java.io.IOException;
import java.io.InputStream;

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
 * <p><b>Thread-safety.</b> {@link #parentGone()} may be read from any thread.
 */
final class ParentWatcher extends Thread {

    /** Exit status of a child whose parent died. Nobody waits for it; documented for completeness. */
    static final int EXIT_PARENT_GONE = 1;
    static final long GRACE_MILLIS = 2_000;

    private final InputStream control;
    private final ResultDirectory results;
    private volatile boolean parentGone;

    ParentWatcher(InputStream control, ResultDirectory results) {
        super("jbilliard-parent-watcher");
        this.control = control;
        this.results = results;
        setDaemon(true);
    }

    boolean parentGone() {
        return parentGone;
    }

    @Override
    public void run() {
        byte[] sink = new byte[64];
        try {
            while (control.read(sink) >= 0) {
                // The parent sends nothing after the request; discard anything that arrives.
            }
        } catch (IOException e) {
            // Same meaning as end of file.
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
