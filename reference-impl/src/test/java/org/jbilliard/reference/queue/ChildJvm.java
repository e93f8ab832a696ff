package org.jbilliard.reference.queue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A child JVM running {@link ChildRole}, with stdout and stderr captured in files. Tests reap every
 * child in a {@code finally} ({@link #close()} kills and waits).
 */
final class ChildJvm implements AutoCloseable {

    /** Multiplies every timeout of the process tests (JBILLIARD_TIME_FACTOR, default 1). */
    static final double TIME_FACTOR = Double.parseDouble(System.getProperty("jbilliard.timeFactor",
            System.getenv().getOrDefault("JBILLIARD_TIME_FACTOR", "1")));

    private final Process process;
    private final Path out;
    private final Path err;
    private final Path pauseFile;
    private final String description;
    private volatile boolean killed;

    private ChildJvm(Process process, Path out, Path err, Path pauseFile, String description) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.pauseFile = pauseFile;
        this.description = description;
    }

    static Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * TIME_FACTOR));
    }

    /**
     * Starts a child.
     *
     * @param workDir    where to put its output files
     * @param pausePoint a {@link TestHooks} point to pause at, or {@code null}
     * @param args       the {@link ChildRole} arguments
     */
    static ChildJvm start(Path workDir, String pausePoint, String... args) {
        return start(workDir, pausePoint, ChildRole.class, args);
    }

    /**
     * Starts a child running another main class of the test class path.
     *
     * @param workDir    where to put its output files
     * @param pausePoint a {@link TestHooks} point to pause at, or {@code null}
     * @param main       the main class
     * @param args       its arguments
     */
    static ChildJvm start(Path workDir, String pausePoint, Class<?> main, String... args) {
        try {
            String java = ProcessHandle.current().info().command()
                    .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            Path out = Files.createTempFile(workDir, "child", ".out");
            Path err = Files.createTempFile(workDir, "child", ".err");
            Path pause = workDir.resolve("pause-" + out.getFileName());
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto"));
            if (pausePoint != null) {
                cmd.add("-Djbilliard.test.pause=" + pausePoint);
                cmd.add("-Djbilliard.test.pauseFile=" + pause);
            }
            cmd.add(main.getName());
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ChildJvm(p, out, err, pause, String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether this child was killed by {@link #kill()}. */
    boolean isKilled() {
        return killed;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the child reached its pause point. */
    void awaitPaused(Duration timeout) {
        Awaitility.await("child " + description + " reaching its pause point")
                .atMost(scaled(timeout)).pollInterval(Duration.ofMillis(5))
                .until(() -> Files.exists(pauseFile) || !process.isAlive());
        if (!Files.exists(pauseFile)) {
            throw new AssertionError("child exited before pausing: " + report());
        }
    }

    /** SIGKILL and reap. */
    void kill() throws InterruptedException {
        killed = true;
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("child did not die after SIGKILL: " + description);
        }
    }

    /** Waits for a normal exit with status 0 and returns stdout lines. */
    List<String> awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(scaled(timeout).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child did not finish in " + scaled(timeout) + ": " + report());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("child failed with exit " + process.exitValue() + ": " + report());
        }
        return stdout();
    }

    List<String> stdout() {
        try {
            return Files.readAllLines(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String report() {
        try {
            return "[" + description + "]\n--- stdout:\n" + Files.readString(out) + "\n--- stderr:\n"
                    + Files.readString(err);
        } catch (IOException e) {
            return "[" + description + "] (output unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
