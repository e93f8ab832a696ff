package org.jbilliard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a baseline program with a deadline, its output kept in log files.
 *
 * <p>Stateless; thread-safe. {@link #run} blocks until the program exits or the deadline passes; on
 * the deadline or an interrupt the program and all its descendants are killed and reaped.
 */
public final class ExternalCommand {

    /**
     * What a program printed.
     *
     * @param stdout its standard output
     * @param stderr its standard error
     */
    public record Output(String stdout, String stderr) {
    }

    private ExternalCommand() {
    }

    /**
     * Runs a program and requires it to exit with status 0.
     *
     * @param command the program and its arguments
     * @param logs    the directory for its output files
     * @param name    the file-name stem of its output files
     * @param timeout how long it may run
     * @return its output
     * @throws IOException          if it cannot start, exits non-zero (the message holds its
     *                              standard error), or overruns the deadline
     * @throws InterruptedException if interrupted while waiting; the program has been killed
     */
    public static Output run(List<String> command, Path logs, String name, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        boolean exited = false;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (!exited) {
                kill(process);
            }
        }
        Output output = new Output(Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        if (!exited) {
            throw new IOException(String.join(" ", command) + ": no result within " + timeout.toSeconds()
                    + " s, killed; stderr: " + tail(output.stderr()));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit status " + process.exitValue() + "; stderr: "
                    + tail(output.stderr()));
        }
        return output;
    }

    private static void kill(Process process) throws InterruptedException {
        // NOTE: descendants first: once the parent is gone its children are re-parented and can no
        // longer be found through it.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? "(empty)" : trimmed.length() <= 2000 ? trimmed : "…" + trimmed.substring(trimmed.length() - 2000);
    }
}
