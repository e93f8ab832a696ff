package org.jbilliard.launcher;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.Task;

/**
 * Refuses, in the parent and at {@code process()}, a task whose child JVM could not load it: a child
 * loads the task's class, and jbilliard's own, from the class path {@link ParentJvm#classPath} gives
 * it, so a class that lives only in this JVM (the single-file source launcher keeps the program's
 * classes in memory; a Spring Boot executable jar keeps them in nested jars that a plain class path
 * cannot name) would fail in the child, after its start-up, while the parent waits on a queue.
 *
 * <p>A class defined by the system class loader (or the JDK's) is on the class path by definition;
 * any other class is looked up as a resource on the child's class path, once per class, with no
 * parent loader, exactly as the child's system class loader will. A lambda's hidden class is
 * judged by its nest host, the class that wrote the lambda, which is what the child resolves.
 *
 * <p><b>Thread-safety.</b> Stateless apart from a per-class cache of passed checks, which is
 * thread-safe.
 */
final class ChildClassPathCheck {

    /** For each class that passed, the class path it passed with. */
    private static final ClassValue<String[]> PASSED = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return new String[1];
        }
    };

    private ChildClassPathCheck() {
    }

    /**
     * Checks that a child started with {@code classPath} can load the task's class and jbilliard's.
     *
     * @throws IllegalArgumentException if it cannot; the message names the class, where it was
     *                                  loaded from, the class path, and what to do instead
     */
    static void requireLoadable(Class<?> taskClass, String classPath) {
        require(ChildMain.class, classPath, "jbilliard's own class");
        require(Task.class, classPath, "jbilliard's own class");
        require(taskClass.isHidden() ? taskClass.getNestHost() : taskClass, classPath, "the task's class");
    }

    private static void require(Class<?> type, String classPath, String role) {
        String[] passed = PASSED.get(type);
        synchronized (passed) {
            if (classPath.equals(passed[0])) {
                return;
            }
        }
        if (!loadable(type, classPath)) {
            throw new IllegalArgumentException(role + " " + type.getName() + " (loaded by "
                    + describe(type.getClassLoader()) + " from " + location(type) + ") is not on the class path a "
                    + "child JVM is given, so the child could not load it: " + classPath + ". " + advice(type));
        }
        synchronized (passed) {
            passed[0] = classPath;
        }
    }

    private static boolean loadable(Class<?> type, String classPath) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()
                || loader == ClassLoader.getSystemClassLoader()) {
            return true; // the JDK's, or from java.class.path, which starts the child's class path
        }
        String resource = type.getName().replace('.', '/') + ".class";
        try (URLClassLoader probe = new URLClassLoader(urls(classPath), null)) {
            return probe.findResource(resource) != null;
        } catch (IOException e) {
            return true; // cannot judge: let the child try, it reports a failure of its own
        }
    }

    private static URL[] urls(String classPath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static String describe(ClassLoader loader) {
        return loader == null ? "the boot class loader" : loader.getClass().getName();
    }

    private static String location(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "no location" : source.getLocation().toString();
    }

    /** What to do instead, for the launchers known to keep classes off the class path. */
    private static String advice(Class<?> type) {
        String loader = describe(type.getClassLoader());
        if (loader.startsWith("com.sun.tools.javac.launcher.")) {
            return "The single-file source launcher (java App.java) keeps the program's classes in memory: "
                    + "compile the program first (javac -d classes -cp <jars> App.java) and run it from the class "
                    + "path (java --enable-native-access=ALL-UNNAMED -cp classes:<jars> App).";
        }
        if (loader.startsWith("org.springframework.boot.loader.")) {
            return "A Spring Boot executable jar keeps the application's classes and libraries in nested jars, "
                    + "which a child JVM's class path cannot name: extract it (java -Djarmode=tools -jar app.jar "
                    + "extract --destination app) and run the extracted jar (java -jar app/app.jar), whose libraries "
                    + "are plain jars on its manifest Class-Path.";
        }
        return "Put the class on this JVM's class path (-cp), or load it with a URLClassLoader over file: URLs, "
                + "whose URLs children inherit.";
    }
}
