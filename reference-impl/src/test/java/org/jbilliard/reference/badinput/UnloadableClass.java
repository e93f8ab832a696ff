package org.jbilliard.reference.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * An instance of a class that exists only in a private class loader: it serializes fine, but the
 * receiving side's class path does not have it — the "class missing from the reader's class path"
 * case, without a second JVM.
 */
final class UnloadableClass {

    private UnloadableClass() {
    }

    static Object instance(Path workDir) {
        try {
            Path source = workDir.resolve("gone/Elsewhere.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package gone; public class Elsewhere implements java.io.Serializable {"
                    + " private static final long serialVersionUID = 1L; public int value = 7; }");
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            int status = compiler.run(null, null, null, "-d", workDir.toString(), source.toString());
            if (status != 0) {
                throw new IllegalStateException("javac failed with status " + status);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {workDir.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            return loader.loadClass("gone.Elsewhere").getConstructor().newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
