package org.jbilliard.tck.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jbilliard.TaskProcess;

/**
 * A participant stopped by the TCK: {@code SIGSTOP} sent to the process's pid (Linux), or
 * {@link Suspendable#suspend()} where the process implements it. {@link #close()} continues it
 * ({@code SIGCONT}), so that a try-with-resources block never leaves a stopped process behind, whatever the
 * rule found.
 *
 * <p>Not thread-safe: one test thread stops and continues a process.
 */
public final class Stop implements AutoCloseable {

    private final TaskProcess process;
    private final String description;
    private final long pid;
    private boolean continued;

    private Stop(TaskProcess process, String description, long pid) {
        this.process = process;
        this.description = description;
        this.pid = pid;
    }

    /**
     * Returns why processes cannot be stopped here, or {@code null} if they can: SIGSTOP by pid needs Linux
     * (with {@code /proc}) and the {@code kill} command.
     *
     * @return the reason, or {@code null}
     */
    public static String unavailableReason() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return "stopping a process with SIGSTOP is only done on Linux, this is " + System.getProperty("os.name");
        }
        if (!Files.isDirectory(Paths.get("/proc/self"))) {
            return "/proc is not mounted, so the TCK cannot see that a stopped process is stopped";
        }
        return null;
    }

    /**
     * Stops a started process and waits until it is stopped.
     *
     * @param process the process
     * @param limit   how long to wait for the stop to take effect
     * @return the stop, to be closed (continued)
     * @throws AssertionError if the process cannot be stopped
     */
    public static Stop stop(TaskProcess process, Duration limit) {
        if (process instanceof Suspendable) {
            ((Suspendable) process).suspend();
            return new Stop(process, process.name() + " (suspended)", -1);
        }
        long pid = process.pid().orElseThrow(() -> new AssertionError(process.name() + " has no pid() to stop"));
        if (pid == ProcessHandle.current().pid()) {
            throw new AssertionError(process.name() + " reports the pid of the JVM running the TCK (" + pid
                    + "), so it cannot be stopped on its own; CROSS_PROCESS and SIGNALS promise a process of its own");
        }
        signal("STOP", pid, limit);
        Stop stop = new Stop(process, process.name() + " (pid " + pid + ", stopped with SIGSTOP)", pid);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!stop.isStopped()) {
            if (System.nanoTime() > deadline) {
                stop.close();
                throw new AssertionError("SIGSTOP did not stop " + process.name() + " (pid " + pid + ") within "
                        + limit.toMillis() + " ms");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return stop;
    }

    /**
     * Returns whether the process is in the stopped state ({@code T} in {@code /proc/<pid>/stat}).
     *
     * @return whether it is stopped
     */
    public boolean isStopped() {
        if (pid < 0) {
            return !continued;
        }
        try {
            String stat = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")),
                    StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'T';
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the stopped process, for messages: its name, its pid and how it was stopped */
    public String describe() {
        return description;
    }

    /** Continues the process ({@code SIGCONT} or {@link Suspendable#resume()}); idempotent. */
    @Override
    public void close() {
        if (continued) {
            return;
        }
        continued = true;
        if (pid < 0) {
            ((Suspendable) process).resume();
        } else if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            // A process that died meanwhile needs no SIGCONT (and kill would fail on its pid).
            signal("CONT", pid, Duration.ofSeconds(10));
        }
    }

    private static void signal(String signal, long pid, Duration limit) {
        Process kill;
        try {
            kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run kill -" + signal + " " + pid + ": " + e, e);
        }
        try {
            if (!kill.waitFor(Math.max(1000, limit.toMillis()), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new AssertionError("kill -" + signal + " " + pid + " did not finish");
            }
            if (kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new AssertionError("kill -" + signal + " " + pid + " failed with " + kill.exitValue() + ": "
                        + output);
            }
        } catch (InterruptedException e) {
            kill.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending SIG" + signal + " to " + pid, e);
        } catch (IOException e) {
            throw new AssertionError("kill -" + signal + " " + pid + ": " + e, e);
        }
    }
}
