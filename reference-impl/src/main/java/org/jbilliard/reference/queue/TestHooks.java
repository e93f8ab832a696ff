package org.jbilliard.reference.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Named pause points for crash tests: when the system property {@code jbilliard.test.pause} names a
 * point, the first thread reaching it creates the file named by {@code jbilliard.test.pauseFile} and
 * then parks forever, so that a test can kill the process exactly there. Without the property (all
 * production use) {@link #pause} is a field read and nothing else.
 *
 * <p>Points: {@code feeder-before-write} (items accepted, not yet published), {@code writer-locked}
 * (write lock held, batch not yet published), {@code writer-mid-frame} (part of a frame written;
 * writes are then split in 4 KiB pieces), {@code reader-waiting} (read lock held, waiting for an
 * item), {@code reader-mid-frame} (read lock held, part of a frame read).
 *
 * <p>Thread-safe.
 */
final class TestHooks {

    static final String POINT = System.getProperty("jbilliard.test.pause");
    static final boolean ENABLED = POINT != null;
    private static volatile boolean paused;

    private TestHooks() {
    }

    static void pause(String point) {
        if (!ENABLED || !POINT.equals(point) || paused) {
            return;
        }
        synchronized (TestHooks.class) {
            if (paused) {
                return;
            }
            paused = true;
        }
        try {
            Files.writeString(Path.of(System.getProperty("jbilliard.test.pauseFile")), point);
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal pause point " + point, e);
        }
        while (true) {
            LockSupport.park();
        }
    }
}
