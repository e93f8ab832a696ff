package org.jbilliard.launcher;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jbilliard.ProcessOptions;
import org.jbilliard.ProcessOptions.StartupProfile;

/**
 * The command line of a child JVM:
 * {@code java [-Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8] <start-up options> [-XX:AOTCache=…]
 * <inherited options> <ProcessOptions.jvmOptions()>
 * -cp [boot.jar:]<class path> org.jbilliard.launcher.ChildMain}.
 *
 * <p>Start-up options of the default profile, {@link StartupProfile#FAST_START}, chosen for a fast
 * start (see the package documentation for measurements):
 * {@code --enable-native-access=ALL-UNNAMED} (the queues call libc), {@code -XX:+UseSerialGC} (unless
 * the user's options pick a collector), {@code -XX:TieredStopAtLevel=1} (C1 only: less compilation
 * work at start-up; override with {@code -XX:TieredStopAtLevel=4} in the process options for
 * long-running, compute-heavy tasks, or set the system property
 * {@code jbilliard.process.c1Only=false}), {@code -XX:-UsePerfData} (no {@code hsperfdata} file in
 * {@code /tmp}, which a killed child would leave behind), and the {@link StartupCache} when ready.
 * The user's options come last, so they win where the JVM lets a later option override.
 * {@link StartupProfile#PEAK_THROUGHPUT} leaves out the collector and compiler choices (the JVM's
 * own defaults: tiered compilation up to C2, the collector its ergonomics pick) and keeps the rest.
 * The cache is used unless {@link ProcessOptions#withoutStartupCache()}, in
 * {@link ProcessOptions#startupCacheDirectory()} if one was chosen.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class ChildCommand {

    static final String C1_ONLY_PROPERTY = "jbilliard.process.c1Only";

    private ChildCommand() {
    }

    /** The start-up options every child of the default profile gets, for the given user options. */
    static List<String> startupFlags(List<String> userOptions) {
        return startupFlags(userOptions, StartupProfile.FAST_START);
    }

    /** The start-up options every child of {@code profile} gets, for the given user options. */
    static List<String> startupFlags(List<String> userOptions, StartupProfile profile) {
        List<String> flags = new ArrayList<>();
        flags.add("--enable-native-access=ALL-UNNAMED");
        if (profile == StartupProfile.FAST_START) {
            if (userOptions.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w*GC"))) {
                flags.add("-XX:+UseSerialGC");
            }
            if (!"false".equals(System.getProperty(C1_ONLY_PROPERTY))) {
                flags.add("-XX:TieredStopAtLevel=1");
            }
        }
        flags.add("-XX:-UsePerfData");
        return flags;
    }

    /** The complete command, with default options and these JVM options. */
    static List<String> build(List<String> userOptions, Class<?> taskClass) {
        return build(ProcessOptions.defaults().withJvmOptions(userOptions), taskClass, StartupCache.NO_SUPPORT);
    }

    /**
     * The complete command for a child of {@code support}'s context that runs a task of class
     * {@code taskClass}: two requests whose commands are equal get the same JVM, which is what lets a
     * warm spare stand in for a fresh child.
     */
    static List<String> build(ProcessOptions options, Class<?> taskClass, LaunchSupport support) {
        List<String> userOptions = options.jvmOptions();
        List<String> flags = startupFlags(userOptions, options.startupProfile());
        Optional<StartupCache.Ready> cache = options.startupCacheEnabled()
                ? StartupCache.lookup(flags, options.startupCacheDirectory().map(Object::toString).orElse(null), support)
                : Optional.empty();
        List<String> command = new ArrayList<>();
        command.add(ParentJvm.javaExecutable());
        if (options.captureOutput()) {
            // Captured text is decoded as UTF-8 (TaskProcess contract), whatever the locale says.
            command.add("-Dstdout.encoding=UTF-8");
            command.add("-Dstderr.encoding=UTF-8");
        }
        command.addAll(flags);
        cache.ifPresent(ready -> {
            command.add("-XX:AOTCache=" + ready.cache());
            // A cache the JVM cannot use (e.g. other module options) is skipped, but reported on
            // stdout, which belongs to the task.
            command.add("-Xlog:aot*=off");
            command.add("-Xlog:cds*=off");
        });
        for (String inherited : ParentJvm.inheritedOptions()) {
            // A repeated --enable-native-access would change a module property the cache was made with.
            if (!flags.contains(inherited)) {
                command.add(inherited);
            }
        }
        command.addAll(userOptions);
        command.add("-cp");
        String classPath = ParentJvm.classPath(taskClass, support.getClass());
        command.add(cache.map(ready -> ready.bootJar() + File.pathSeparator + classPath).orElse(classPath));
        command.add(ChildMain.class.getName());
        return command;
    }
}
