package org.jbilliard.launcher;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.jbilliard.ProcessOptions;
import org.jbilliard.TaskProcess;

/** Bounds scaled for a loaded machine, and failure descriptions that carry the child's stderr. */
final class ProcessTesting {

    /** Multiplies every bound; set JBILLIARD_TIME_FACTOR (env) or jbilliard.timeFactor (property). */
    static final double TIME_FACTOR = timeFactor();

    static final ProcessOptions CAPTURE = ProcessOptions.defaults().withCapturedOutput(true);

    private ProcessTesting() {
    }

    private static double timeFactor() {
        String value = System.getProperty("jbilliard.timeFactor", System.getenv("JBILLIARD_TIME_FACTOR"));
        try {
            return value == null ? 1.0 : Math.max(1.0, Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    static Duration bound(Duration base) {
        return Duration.ofMillis((long) (base.toMillis() * TIME_FACTOR));
    }

    /** Generous bound for anything that includes starting a JVM. */
    static Duration startBound() {
        return bound(Duration.ofSeconds(30));
    }

    /** What a failed assertion should show about a child. */
    static String describe(TaskProcess process) {
        StringBuilder text = new StringBuilder(process.toString());
        text.append(", exitCode=").append(process.exitCode());
        process.failure().ifPresent(f -> text.append(", failure=").append(f));
        try {
            text.append("\n--- child stdout ---\n").append(process.capturedStdout());
            text.append("\n--- child stderr ---\n").append(process.capturedStderr());
        } catch (IllegalStateException notCaptured) {
            text.append(" (output not captured)");
        }
        return text.toString();
    }

    /** Waits until the child has printed {@code text} on stdout (or fails with its stderr). */
    static void awaitStdout(TaskProcess process, String text) {
        await().atMost(startBound()).pollInterval(Duration.ofMillis(10))
                .alias("child to print '" + text + "': " + process)
                .until(() -> {
                    if (!process.isAlive() && !process.capturedStdout().contains(text)) {
                        throw new AssertionError("child exited before printing '" + text + "': " + describe(process));
                    }
                    return process.capturedStdout().contains(text);
                });
    }

    /** Joins within the start bound, failing with the child's description otherwise. */
    static void joinBounded(TaskProcess process) throws InterruptedException {
        if (!process.join(startBound())) {
            throw new AssertionError("child did not exit within " + startBound() + ": " + describe(process));
        }
    }

    /** Child-side: blocks the task until the process is ended from outside. */
    static void blockForever() throws InterruptedException {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                never.wait();
            }
        }
    }
}
