package org.jbilliard.reference.process;

import java.nio.charset.StandardCharsets;
import org.jbilliard.reference.nativeio.LibC;

/**
 * Child side: binds the queues' libc functions on a helper thread while the main thread
 * deserializes the task, when the task captured a queue.
 *
 * <p>A child that attaches to a queue first binds {@code open} through the FFM API, which costs
 * tens of milliseconds in a fresh JVM (it initialises the linker and generates the downcall code);
 * deserializing the task before it (the serialization filter's set-up, spinning the task's lambda)
 * costs about as much again, and the two are independent. Overlapping them shortens the time from
 * {@code start()} to the task's first statement when a core is free for the helper; on a machine
 * whose cores are all busy it is the same work on another thread, no more. A task that captured no
 * queue does not pay for it.
 *
 * <p>Whether the task captured a queue is read off its serialized form: the stream names the class
 * of every object in it, and a captured queue is written as a class of the queue package. A false
 * positive only costs the helper's work; the task binds whatever it needs itself in any case.
 *
 * <p><b>Thread-safety.</b> Stateless; {@link #startIfUseful(byte[])} is called once, by the child's
 * main thread.
 */
final class NativePrelink {

    private static final byte[] QUEUE_PACKAGE = "org.jbilliard.reference.queue.".getBytes(StandardCharsets.US_ASCII);

    private NativePrelink() {
    }

    /**
     * Starts the helper if the serialized task names a class of the queue package.
     *
     * @return whether the helper was started
     */
    static boolean startIfUseful(byte[] task) {
        if (!contains(task, QUEUE_PACKAGE)) {
            return false;
        }
        new Helper().start();
        return true;
    }

    /** A class rather than a lambda: a lambda would be spun at run time, before the helper could start. */
    private static final class Helper extends Thread {

        Helper() {
            super("jbilliard-prelink");
            // NOTE: a daemon that never blocks in native code, so it cannot delay the child's exit.
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                LibC.prelink();
            } catch (Throwable e) {
                // The task's own first call reports whatever went wrong here, where it matters.
            }
        }
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
}
