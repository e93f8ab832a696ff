package org.jbilliard.reference.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jbilliard.reference.nativeio.LibC;

/**
 * SIGSTOP and SIGCONT for a child process, with the kernel's word that the stop took effect: after
 * {@link #stop} returns, {@code /proc/PID/stat} shows state {@code T}, so the child runs no
 * instruction until {@link #resume}.
 *
 * <p>Stateless; thread-safe.
 */
final class StoppedProcess {

    /** x86-64 and aarch64 (asm-generic) agree on these numbers. */
    static final int SIGCONT = 18;
    static final int SIGSTOP = 19;

    private StoppedProcess() {
    }

    /** Sends SIGSTOP and waits until every thread of {@code pid} is stopped (each thread in {@code /proc/PID/task}). */
    static void stop(long pid) {
        int rc = LibC.kill((int) pid, SIGSTOP);
        if (rc != 0) {
            throw new AssertionError("kill(" + pid + ", SIGSTOP) failed: errno " + -rc);
        }
        Awaitility.await("pid " + pid + " stopped").atMost(ChildJvm.scaled(Duration.ofSeconds(5)))
                .pollInterval(Duration.ofMillis(1)).until(() -> allThreadsStopped(pid));
    }

    private static boolean allThreadsStopped(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.allMatch(t -> state(t.resolve("stat")) == 'T');
        }
    }

    /** Sends SIGCONT (harmless for a running or an exited process). */
    static void resume(long pid) {
        LibC.kill((int) pid, SIGCONT);
    }

    /** The state letter of {@code /proc/PID/stat} ({@code R}, {@code S}, {@code T}, ...), {@code ?} if gone. */
    static char state(long pid) {
        return state(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static char state(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }
}
