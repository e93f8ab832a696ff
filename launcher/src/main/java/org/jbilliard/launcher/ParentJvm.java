package org.jbilliard.launcher;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a child JVM inherits from this one: the {@code java} executable, the class path and the JVM
 * options that change what code means (system properties, module and assertion switches).
 *
 * <p>Inherited: {@code -D} properties given on the parent's command line (except launcher-internal
 * ones), the current values of {@code java.io.tmpdir} and of every {@code jbilliard.*} property,
 * {@code --add-opens}/{@code --add-exports}/{@code --add-reads}/{@code --add-modules},
 * {@code --enable-native-access}, {@code --enable-preview} and the assertion switches.
 * Not inherited: agents ({@code -agentlib}, {@code -agentpath}, {@code -javaagent}: a debugger would
 * fight over its port, a profiler over its output), {@code -Xdebug}/{@code -Xrunjdwp}, heap and
 * {@code -XX} options (the child chooses its own start-up options; add yours with
 * {@link org.jbilliard.ProcessOptions#withJvmOptions(List)}).
 *
 * <p>The class path is {@code java.class.path} (under Surefire that is the test class path or its
 * manifest-only booter jar; either works, the JVM follows a jar's {@code Class-Path}), extended with
 * the locations of the task's class and of jbilliard's own classes and, when the task's class was
 * loaded by a {@link URLClassLoader} (as under {@code exec:java}), that loader's URLs.
 *
 * <p><b>Thread-safety.</b> Stateless apart from an immutable, lazily computed cache.
 */
final class ParentJvm {

    private static final Set<String> OPTIONS_WITH_VALUE = Set.of(
            "--add-opens", "--add-exports", "--add-reads", "--add-modules", "--enable-native-access");
    private static final List<String> PROPERTY_DENY_PREFIXES = List.of(
            "-Djava.class.path=", "-Dsun.java.command=", "-Dsun.java.launcher", "-Djdk.internal.",
            "-Djava.home=", "-Djdk.module.");

    private ParentJvm() {
    }

    /** The {@code java} launcher of this JVM. */
    static String javaExecutable() {
        Path candidate = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(candidate)) {
            return candidate.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot find the java launcher: "
                        + candidate + " is not executable and this process does not report its command"));
    }

    /** The parent's options a child should have too, then the current jbilliard properties. */
    static List<String> inheritedOptions() {
        List<String> result = new ArrayList<>(Holder.COMMAND_LINE_OPTIONS);
        result.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
            String key = String.valueOf(property.getKey());
            if (key.startsWith("jbilliard.")) {
                result.add("-D" + key + "=" + property.getValue());
            }
        }
        return result;
    }

    private static final class Holder {
        static final List<String> COMMAND_LINE_OPTIONS = filter(inputArguments());

        private static List<String> inputArguments() {
            try {
                return ManagementFactory.getRuntimeMXBean().getInputArguments();
            } catch (RuntimeException | LinkageError e) {
                return List.of(); // a runtime image without java.management: inherit nothing
            }
        }
    }

    /** Keeps the options a child needs; package-private for tests. */
    static List<String> filter(List<String> arguments) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (OPTIONS_WITH_VALUE.contains(argument) && i + 1 < arguments.size()) {
                kept.add(argument + "=" + arguments.get(++i));
            } else if (argument.startsWith("-D")) {
                if (PROPERTY_DENY_PREFIXES.stream().noneMatch(argument::startsWith)) {
                    kept.add(argument);
                }
            } else if (OPTIONS_WITH_VALUE.stream().anyMatch(o -> argument.startsWith(o + "="))
                    || argument.equals("--enable-preview")
                    || argument.matches("-(ea|da|esa|dsa|enableassertions|disableassertions"
                                        + "|enablesystemassertions|disablesystemassertions)(:.*)?")) {
                kept.add(argument);
            }
        }
        return kept;
    }

    private static final ClassValue<String> CLASS_PATHS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> taskClass) {
            return computeClassPath(taskClass);
        }
    };

    /**
     * The class path a child needs to run {@code taskClass} and jbilliard; computed once per task
     * class (and per value of {@code java.class.path}).
     */
    static String classPath(Class<?> taskClass) {
        String value = CLASS_PATHS.get(taskClass);
        if (!value.startsWith(System.getProperty("java.class.path", ""))) {
            CLASS_PATHS.remove(taskClass); // java.class.path was changed at run time
            value = CLASS_PATHS.get(taskClass);
        }
        return value;
    }

    /**
     * As {@link #classPath(Class)}, extended with the location of the context's own classes
     * ({@code contextClass}, e.g. its {@link LaunchSupport}) if the class path does not hold it yet:
     * the launcher's and the api's locations are added for every task, the context's must be too.
     */
    static String classPath(Class<?> taskClass, Class<?> contextClass) {
        String base = classPath(taskClass);
        Set<String> entries = new LinkedHashSet<>(java.util.Arrays.asList(base.split(File.pathSeparator)));
        int before = entries.size();
        addCodeSource(entries, contextClass);
        return entries.size() == before ? base : String.join(File.pathSeparator, entries);
    }

    private static String computeClassPath(Class<?> taskClass) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        for (ClassLoader loader = taskClass.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader == ClassLoader.getSystemClassLoader()) {
                break;
            }
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    addLocation(entries, url);
                }
            }
        }
        addCodeSource(entries, taskClass);
        addCodeSource(entries, ChildMain.class);
        addCodeSource(entries, org.jbilliard.Task.class);
        return String.join(File.pathSeparator, entries);
    }

    private static void addCodeSource(Set<String> entries, Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            addLocation(entries, source.getLocation());
        }
    }

    private static void addLocation(Set<String> entries, URL url) {
        if (!"file".equals(url.getProtocol())) {
            return;
        }
        try {
            Path path = Path.of(url.toURI());
            if (path.toString().endsWith(".java")) {
                return; // the source launcher's code source: a source file is no class path entry
            }
            String text = path.toString();
            if (!entries.contains(text) && entries.stream().noneMatch(e -> samePath(e, path))) {
                entries.add(text);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a plain file location; the class path proper must do
        }
    }

    private static boolean samePath(String entry, Path path) {
        try {
            return Path.of(entry).toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
