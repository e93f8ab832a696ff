package org.jbilliard.reference.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link PausePoints} of this module's crash tests, found by {@link java.util.ServiceLoader} on
 * the test class path (so in every child JVM a test starts): when the system property
 * {@code jbilliard.test.pause} names a point, the first thread reaching it creates the file named by
 * {@code jbilliard.test.pauseFile} and then parks forever, so that a test can kill (or stop) the
 * process exactly there. Without the property every point returns at once, and the pieces and
 * direct writes are those of production.
 *
 * <p>Thread-safe.
 */
public final class TestHooks implements PausePoints {

    static final String POINT = System.getProperty("jbilliard.test.pause");
    private static volatile boolean paused;

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public TestHooks() {
    }

    @Override
    public boolean splitFrames() {
        return POINT != null;
    }

    @Override
    public boolean directWrites() {
        return !"feeder-before-write".equals(POINT);
    }

    @Override
    public void pause(String point) {
        if (POINT == null || !POINT.equals(point) || paused) {
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
