package org.jbilliard.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one of a child's output pipes into memory on a daemon thread, so the child never blocks on
 * a full pipe, and returns what arrived so far as UTF-8 text.
 *
 * <p><b>Thread-safety.</b> {@link #text()} may be called from any thread while the drain runs.
 */
final class OutputCapture {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread drain;

    OutputCapture(InputStream source, String threadName) {
        drain = new Thread(() -> drain(source), threadName);
        drain.setDaemon(true);
        drain.start();
    }

    private void drain(InputStream source) {
        byte[] buffer = new byte[8192];
        try (source) {
            for (int n; (n = source.read(buffer)) >= 0; ) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The pipe was closed: what arrived is kept.
        }
    }

    /** Waits at most {@code millis} for the pipe's end of file (a grandchild may still hold it). */
    void awaitEnd(long millis) throws InterruptedException {
        drain.join(millis);
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
