package org.jbilliard.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jbilliard.Task;

/**
 * The class files of jbilliard itself: the api's package {@code org.jbilliard}, this launcher's
 * {@code org.jbilliard.launcher} and below, and the context's packages
 * ({@link LaunchSupport#cachedPackages()}) and below, listed from wherever they were loaded (a
 * directory or a jar), as jar entry names in a stable order. The start-up cache's boot jar copies
 * them, so that a child's queue code comes from the cache as its launch classes do.
 *
 * <p>Classes whose location cannot be listed (no code source, not a file) are left out; the cache
 * then simply holds less.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class OwnClasses {

    private OwnClasses() {
    }

    /**
     * The entry names, e.g. {@code org/jbilliard/Queue.class}, each with the loader that loads its
     * class: the api's, the launcher's, then each context package's.
     */
    static Map<String, ClassLoader> entries(List<Class<?>> contextPackages) throws IOException {
        Map<String, ClassLoader> names = new LinkedHashMap<>();
        add(names, Task.class, "org/jbilliard/", false);
        add(names, OwnClasses.class, "org/jbilliard/launcher/", true);
        for (Class<?> anchor : contextPackages) {
            String name = anchor.getPackageName();
            add(names, anchor, name.isEmpty() ? "" : name.replace('.', '/') + "/", true);
        }
        return names;
    }

    private static void add(Map<String, ClassLoader> names, Class<?> anchor, String prefix, boolean subpackages)
            throws IOException {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return;
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return; // not a file (e.g. a class loaded from a URL other than file:)
        }
        List<String> found = new ArrayList<>();
        if (Files.isDirectory(location)) {
            Path dir = location.resolve(prefix);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = subpackages ? Files.walk(dir) : Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p))
                            .map(p -> location.relativize(p).toString().replace(File.separatorChar, '/'))
                            .forEach(found::add);
                }
            }
        } else if (Files.isRegularFile(location)) {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(prefix) && n.endsWith(".class")
                                && (subpackages || n.indexOf('/', prefix.length()) < 0))
                        .forEach(found::add);
            }
        }
        found.sort(null);
        for (String entry : found) {
            names.putIfAbsent(entry, anchor.getClassLoader());
        }
    }
}
