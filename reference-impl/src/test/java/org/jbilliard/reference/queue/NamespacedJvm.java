package org.jbilliard.reference.queue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A child JVM in a PID namespace of its own ({@code unshare --pid --fork --mount-proc --kill-child}:
 * the JVM is pid 1 there and sees only its own processes in {@code /proc}), or in this one, with
 * stdout and stderr captured in files and its stdin kept open for {@link #send}. {@link #close()}
 * kills it (unshare's {@code --kill-child} takes the JVM along) and reaps it.
 *
 * <p>Not thread-safe.
 */
final class NamespacedJvm implements AutoCloseable {

    private static final String UNSHARE = "unshare";

    private final Process process;
    private final Path out;
    private final Path err;
    private final String description;

    private NamespacedJvm(Process process, Path out, Path err, String description) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.description = description;
    }

    /**
     * Why PID namespaces cannot be made here, or empty if they can: needs root and a working
     * {@code unshare} (a container may forbid it even to root).
     */
    static Optional<String> unavailable() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) {
                return Optional.of("creating a PID namespace needs root (uid " + uid + "); CI runs as root");
            }
            Process probe = new ProcessBuilder(UNSHARE, "--pid", "--fork", "--mount-proc", "--kill-child", "true")
                    .redirectErrorStream(true).start();
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                probe.waitFor(10, TimeUnit.SECONDS);
                return Optional.of("unshare --pid --fork --mount-proc did not finish in 30 s");
            }
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return probe.exitValue() == 0 ? Optional.empty()
                    : Optional.of("unshare --pid --fork --mount-proc true failed (" + probe.exitValue() + "): " + said);
        } catch (IOException e) {
            return Optional.of("cannot run unshare (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing unshare");
        }
    }

    /**
     * Starts {@code main} with {@code args}.
     *
     * @param ownNamespace whether to run it in a new PID (and mount, for its /proc) namespace
     */
    static NamespacedJvm start(Path workDir, boolean ownNamespace, Class<?> main, String... args) {
        try {
            String java = ProcessHandle.current().info().command()
                    .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            Path out = Files.createTempFile(workDir, "ns-child", ".out");
            Path err = Files.createTempFile(workDir, "ns-child", ".err");
            List<String> cmd = new ArrayList<>();
            if (ownNamespace) {
                cmd.addAll(List.of(UNSHARE, "--pid", "--fork", "--mount-proc", "--kill-child"));
            }
            cmd.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", main.getName()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new NamespacedJvm(p, out, err, (ownNamespace ? "own PID namespace: " : "this namespace: ")
                    + String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a stdout line starting with {@code prefix} and returns it. */
    String awaitLine(String prefix, Duration timeout) {
        Awaitility.await("child printing " + prefix).atMost(ChildJvm.scaled(timeout))
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    if (line(prefix).isPresent()) {
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new AssertionError("child exited before printing " + prefix + ": " + report());
                    }
                    return false;
                });
        return line(prefix).orElseThrow();
    }

    private Optional<String> line(String prefix) {
        return stdout().stream().filter(l -> l.startsWith(prefix)).findFirst();
    }

    /** Writes one line to the child's stdin. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for exit status 0 and returns stdout; a failure carries the child's stack trace. */
    List<String> awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(ChildJvm.scaled(timeout).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child did not finish in " + ChildJvm.scaled(timeout) + ": " + report());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("child failed with exit " + process.exitValue() + ": " + report());
        }
        return stdout();
    }

    List<String> stdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(out),
                StandardCharsets.UTF_8))) {
            return r.lines().toList();
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
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("child did not die after SIGKILL: " + description);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
