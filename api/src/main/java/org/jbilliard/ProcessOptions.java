package org.jbilliard;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link TaskProcess} is started: its name, daemon flag, output handling, extra JVM options,
 * and, where a task runs in a new JVM, the start-up policy: a {@link StartupProfile} and the start-up
 * cache. Immutable; each {@code with…} method returns a new instance.
 *
 * <p>billiard's {@code Process(name=…, daemon=…)} keyword arguments.
 *
 * <p><b>Thread-safety.</b> Immutable, so safe to share between threads.
 */
public final class ProcessOptions {

    /**
     * What a child JVM is tuned for. Implementations whose tasks do not run in a new JVM ignore it.
     */
    public enum StartupProfile {
        /**
         * The default: start as fast as possible, for short tasks and many processes. The reference
         * implementation runs the child C1-only ({@code -XX:TieredStopAtLevel=1}) with the Serial
         * collector (unless the JVM options pick one).
         */
        FAST_START,
        /**
         * For long-running, compute-heavy tasks: the JVM's own defaults for compilation (tiered up
         * to C2) and garbage collection, at the price of a slower start and more start-up CPU.
         */
        PEAK_THROUGHPUT
    }

    private static final ProcessOptions DEFAULTS = new ProcessOptions(null, false, false, List.of(),
            StartupProfile.FAST_START, true, null);

    private final String name;
    private final boolean daemon;
    private final boolean captureOutput;
    private final List<String> jvmOptions;
    private final StartupProfile startupProfile;
    private final boolean startupCache;
    private final Path startupCacheDirectory;

    private ProcessOptions(String name, boolean daemon, boolean captureOutput, List<String> jvmOptions,
            StartupProfile startupProfile, boolean startupCache, Path startupCacheDirectory) {
        this.name = name;
        this.daemon = daemon;
        this.captureOutput = captureOutput;
        this.jvmOptions = jvmOptions;
        this.startupProfile = startupProfile;
        this.startupCache = startupCache;
        this.startupCacheDirectory = startupCacheDirectory;
    }

    /**
     * Returns the defaults: a generated name ({@code TaskProcess-N}), not a daemon, output inherited
     * from the parent, no extra JVM options, {@link StartupProfile#FAST_START}, and the start-up cache
     * on, in the implementation's default directory.
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
        return new ProcessOptions(name, daemon, captureOutput, jvmOptions, startupProfile, startupCache,
                startupCacheDirectory);
    }

    /**
     * Returns these options with the daemon flag set as given. As in billiard, a parent that exits
     * normally waits for its non-daemon children and terminates its daemon ones.
     *
     * @param daemon whether the process is a daemon
     * @return new options
     */
    public ProcessOptions withDaemon(boolean daemon) {
        return new ProcessOptions(name, daemon, captureOutput, jvmOptions, startupProfile, startupCache,
                startupCacheDirectory);
    }

    /**
     * Returns these options with the child's standard output and error captured instead of inherited;
     * read them with {@link TaskProcess#capturedStdout()} and {@link TaskProcess#capturedStderr()}.
     *
     * @param capture whether to capture
     * @return new options
     */
    public ProcessOptions withCapturedOutput(boolean capture) {
        return new ProcessOptions(name, daemon, capture, jvmOptions, startupProfile, startupCache,
                startupCacheDirectory);
    }

    /**
     * Returns these options with extra JVM options for the child (e.g. {@code -Xmx64m}), appended
     * after the ones the implementation chooses. Ignored where the task does not run in a new JVM.
     *
     * @param options the options, none {@code null}
     * @return new options
     */
    public ProcessOptions withJvmOptions(List<String> options) {
        return new ProcessOptions(name, daemon, captureOutput, List.copyOf(options), startupProfile, startupCache,
                startupCacheDirectory);
    }

    /**
     * Returns these options with a start-up profile: what the child JVM is tuned for.
     *
     * @param profile the profile
     * @return new options
     * @throws NullPointerException if {@code profile} is {@code null}
     */
    public ProcessOptions withStartupProfile(StartupProfile profile) {
        Objects.requireNonNull(profile, "profile");
        return new ProcessOptions(name, daemon, captureOutput, jvmOptions, profile, startupCache, startupCacheDirectory);
    }

    /**
     * Returns these options with the start-up cache in {@code directory} (created if missing). The
     * reference implementation keeps there a JDK AOT cache that it builds in the background the first
     * time a child needs it (two short training JVMs), and that makes later children start faster; the
     * default directory is {@code $XDG_CACHE_HOME/jbilliard/startup} ({@code ~/.cache/jbilliard/startup}).
     *
     * @param directory where the cache lives
     * @return new options, with the cache on
     * @throws NullPointerException if {@code directory} is {@code null}
     */
    public ProcessOptions withStartupCache(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return new ProcessOptions(name, daemon, captureOutput, jvmOptions, startupProfile, true, directory);
    }

    /**
     * Returns these options with no start-up cache: the child neither uses one nor causes one to be
     * built, and nothing is written outside the temporary directory.
     *
     * @return new options, with the cache off
     */
    public ProcessOptions withoutStartupCache() {
        return new ProcessOptions(name, daemon, captureOutput, jvmOptions, startupProfile, false, null);
    }

    /**
     * Returns the start-up profile.
     *
     * @return the profile; {@link StartupProfile#FAST_START} unless set
     */
    public StartupProfile startupProfile() {
        return startupProfile;
    }

    /**
     * Returns whether the start-up cache is on.
     *
     * @return {@code false} after {@link #withoutStartupCache()}
     */
    public boolean startupCacheEnabled() {
        return startupCache;
    }

    /**
     * Returns the start-up cache's directory, if one was chosen.
     *
     * @return the directory, or empty for the implementation's default (or when the cache is off)
     */
    public Optional<Path> startupCacheDirectory() {
        return Optional.ofNullable(startupCacheDirectory);
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
                + ", jvmOptions=" + jvmOptions + ", startupProfile=" + startupProfile + ", startupCache="
                + (startupCache ? (startupCacheDirectory == null ? "default" : startupCacheDirectory.toString()) : "off")
                + "]";
    }
}
