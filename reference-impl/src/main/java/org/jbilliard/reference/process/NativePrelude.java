package org.jbilliard.reference.process;

import org.jbilliard.reference.nativeio.LibC;

/**
 * The reference implementation's child prelude ({@link org.jbilliard.launcher.LaunchSupport#childPrelude}):
 * binds the queues' libc functions on the launcher's helper thread while the child's main thread
 * deserializes the task. A child that attaches to a queue first binds {@code open} through the FFM
 * API, which costs tens of milliseconds in a fresh JVM (it initialises the linker and generates the
 * downcall code); deserializing the task before it costs about as much again, and the two are
 * independent.
 *
 * <p><b>Thread-safety.</b> Stateless; run once per child.
 */
public final class NativePrelude implements Runnable {

    /** Creates the prelude; the launcher calls it reflectively in the child. */
    public NativePrelude() {
    }

    @Override
    public void run() {
        LibC.prelink();
    }
}
