package org.jbilliard.launcher;

import java.util.Map;

/**
 * Tells, from inside a shutdown hook, whether the JVM is shutting down because of a signal.
 *
 * <p>The JVM handles SIGTERM, SIGINT and SIGHUP by starting a thread named {@code "SIGTERM handler"}
 * (and so on) that calls {@code Runtime.exit(128 + n)} and waits there while the hooks run. A hook
 * that sees such a thread alive knows the shutdown was started by that signal rather than by
 * {@code System.exit} or the end of {@code main}. No other API tells the two apart.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class ShutdownSignals {

    private static final String SUFFIX = " handler";
    private static final Map<String, Integer> NUMBERS = Map.of("SIGHUP", 1, "SIGINT", 2, "SIGTERM", 15);

    private ShutdownSignals() {
    }

    /**
     * Returns the number of the signal whose handler is running, or 0 if none is.
     *
     * @return 1, 2, 15 or 0
     */
    static int initiatingSignal() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        // Enumerating threads is cheap; getAllStackTraces() would also walk every stack.
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            String name = thread.getName();
            if (name.endsWith(SUFFIX) && thread.isAlive()) {
                Integer number = NUMBERS.get(name.substring(0, name.length() - SUFFIX.length()));
                if (number != null) {
                    return number;
                }
            }
        }
        return 0;
    }
}
