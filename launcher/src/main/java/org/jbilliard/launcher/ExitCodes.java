package org.jbilliard.launcher;

/**
 * Derives billiard's {@code exitcode} from what Java reports and what the child recorded.
 *
 * <p>Java's {@link Process#exitValue()} gives {@code n} for a child that called {@code exit(n)} and
 * {@code 128 + s} for a child killed by signal {@code s}, so the values above 128 are ambiguous. The
 * rule, in order:
 * <ol>
 *   <li>A value of 128 or less is a normal exit status: returned as is.</li>
 *   <li>A value {@code 128 + s} is a normal exit status only if the child's shutdown hook recorded a
 *       shutdown that no signal started (the task returned, threw, or called {@code System.exit})
 *       and the parent did not itself send signal {@code s}.</li>
 *   <li>Otherwise it is a death by signal {@code s}: {@code -s}. This covers SIGKILL (no hook
 *       runs), SIGTERM/SIGINT/SIGHUP (the hook sees the JVM's signal-handler thread; Java still runs
 *       the hooks, so queues flush, then exits with {@code 128 + s}), and crashes.</li>
 * </ol>
 * A task that calls {@code Runtime.halt(n)} with {@code n > 128} bypasses the hooks and is therefore
 * reported as {@code -(n - 128)}.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class ExitCodes {

    private ExitCodes() {
    }

    /**
     * @param javaExitValue     {@link Process#exitValue()}
     * @param recordedShutdown  {@link ResultDirectory#readShutdown()}: -1 none, 0 not signalled, else the signal
     * @param signalsSentMask   bit {@code s} set if the parent sent signal {@code s}
     * @return billiard's exit code
     */
    static int derive(int javaExitValue, int recordedShutdown, long signalsSentMask) {
        if (javaExitValue <= 128) {
            return javaExitValue;
        }
        int signal = javaExitValue - 128;
        boolean sentByParent = signal < 64 && (signalsSentMask & (1L << signal)) != 0;
        if (recordedShutdown == 0 && !sentByParent) {
            return javaExitValue;
        }
        return -signal;
    }
}
