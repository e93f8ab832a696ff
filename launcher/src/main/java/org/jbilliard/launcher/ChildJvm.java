package org.jbilliard.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A child JVM that has been spawned and not yet sent its task: what a cold start and a warm spare
 * ({@link WarmSpares}) have in common. Its standard input is a pipe only this process holds (orphan
 * prevention); its output is inherited, or drained into memory when captured.
 *
 * <p><b>Thread-safety.</b> Immutable apart from {@link #results}, which is set once before the
 * instance is shared, and {@link #handedOut}, which is volatile.
 */
final class ChildJvm {

    final Process process;
    final OutputStream control;
    final List<String> command;
    final OutputCapture stdout;
    final OutputCapture stderr;
    /** A spare's result directory, created when it was spawned; {@code null} for a cold start. */
    ResultDirectory results;
    /** A spare's: set (under the pool's lock) when it was given to a process. */
    volatile boolean handedOut;

    private ChildJvm(Process process, List<String> command, OutputCapture stdout, OutputCapture stderr) {
        this.process = process;
        this.control = process.getOutputStream();
        this.command = command;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Spawns {@code command}.
     *
     * @param command the complete command ({@link ChildCommand#build})
     * @param capture whether standard output and error are captured
     * @param label   names the drain threads
     * @throws IOException if the JVM cannot be started
     */
    static ChildJvm spawn(List<String> command, boolean capture, String label) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        // The options these variables carry are already on the command line, filtered (no agents:
        // a debugger's port is taken by the parent); the launcher must not add them unfiltered.
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        if (capture) {
            builder.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.PIPE);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process child = builder.start();
        OutputCapture out = null;
        OutputCapture err = null;
        if (capture) {
            out = new OutputCapture(child.getInputStream(), "jbilliard-" + label + "-stdout");
            err = new OutputCapture(child.getErrorStream(), "jbilliard-" + label + "-stderr");
        }
        return new ChildJvm(child, command, out, err);
    }

    /** Kills the JVM and waits for it (ignoring interrupts, whose status is restored). */
    void killAndReap() {
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
