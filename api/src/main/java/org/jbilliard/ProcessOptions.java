package org.jbilliard;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link TaskProcess} is started: its name, daemon flag, output handling and extra JVM options.
 * Immutable; each {@code with…} method returns a new instance.
 *
 * <p>billiard's {@code Process(name=…, daemon=…)} keyword arguments.
 */
public final class ProcessOptions {

    private static final ProcessOptions DEFAULTS = new ProcessOptions(null, false, false, List.of());

    private final String name;
    private final boolean daemon;
    private final boolean captureOutput;
    private final List<String> jvmOptions;

    private ProcessOptions(String name, boolean daemon, boolean captureOutput, List<String> jvmOptions) {
        this.name = name;
        this.daemon = daemon;
        this.captureOutput = captureOutput;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Returns the defaults: a generated name ({@code TaskProcess-N}), not a daemon, output inherited
     * from the parent, no extra JVM options.
     *
     * @return the default options
     */
    public static ProcessOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options with a name.
     *
     * @param name the process name, as billiard's {@code Process.name}; not blank
     * @return new options
     * @throws IllegalArgumentException if the name is blank
     */
    public ProcessOptions withName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("process name must not be blank");
        }
        return new ProcessOptions(name, daemon, captureOutput, jvmOptions);
    }

    /**
     * Returns these options with the daemon flag set as given. As in billiard, a parent that exits
     * normally waits for its non-daemon children and terminates its daemon ones.
     *
     * @param daemon whether the process is a daemon
     * @return new options
     */
    public ProcessOptions withDaemon(boolean daemon) {
        return new ProcessOptions(name, daemon, captureOutput, jvmOptions);
    }

    /**
     * Returns these options with the child's standard output and error captured instead of inherited;
     * read them with {@link TaskProcess#capturedStdout()} and {@link TaskProcess#capturedStderr()}.
     *
     * @param capture whether to capture
     * @return new options
     */
    public ProcessOptions withCapturedOutput(boolean capture) {
        return new ProcessOptions(name, daemon, capture, jvmOptions);
    }

    /**
     * Returns these options with extra JVM options for the child (e.g. {@code -Xmx64m}), appended
     * after the ones the implementation chooses. Ignored where the task does not run in a new JVM.
     *
     * @param options the options, none {@code null}
     * @return new options
     */
    public ProcessOptions withJvmOptions(List<String> options) {
        return new ProcessOptions(name, daemon, captureOutput, List.copyOf(options));
    }

    /**
     * Returns the name, or {@code null} to let the context generate one.
     *
     * @return the name or {@code null}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the daemon flag.
     *
     * @return whether the process is a daemon
     */
    public boolean daemon() {
        return daemon;
    }

    /**
     * Returns whether output is captured.
     *
     * @return whether output is captured
     */
    public boolean captureOutput() {
        return captureOutput;
    }

    /**
     * Returns the extra JVM options.
     *
     * @return an unmodifiable list
     */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    @Override
    public String toString() {
        return "ProcessOptions[name=" + name + ", daemon=" + daemon + ", captureOutput=" + captureOutput
                + ", jvmOptions=" + jvmOptions + "]";
    }
}
