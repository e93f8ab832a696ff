package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jbilliard.launcher.ProcessTesting.CAPTURE;
import static org.jbilliard.launcher.ProcessTesting.describe;
import static org.jbilliard.launcher.ProcessTesting.joinBounded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.jbilliard.Context;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that a child JVM could not load is reported at once, never by a {@code get} that times
 * out: the single-file source launcher and a Spring Boot executable jar (built here with Spring
 * Boot's own loader, laid out as its build plugin lays it out) are refused at {@code process()} with
 * what to do instead; a captured class the child lacks makes the child fail at once with a
 * {@link TaskFailure} naming the class and the child's class path; a child JVM that cannot start at
 * all is a {@link TaskFailure} too, not just an exit status.
 */
class ChildStartFailureTest {

    @TempDir
    Path scratch;

    @Test
    void theSingleFileSourceLauncherIsRefusedAtProcessWithWhatToDo() throws Exception {
        Path source = scratch.resolve("App.java");
        Files.writeString(source, """
                import org.jbilliard.Context;
                import org.jbilliard.TaskProcess;
                public class App {
                    public static void main(String[] args) throws Exception {
                        Context ctx = Context.load();
                        try (TaskProcess p = ctx.process(() -> System.out.println("child ran"))) {
                            p.start();
                            p.join();
                            System.out.println("not refused: exit " + p.exitCode() + " " + p.failure());
                        } catch (IllegalArgumentException refused) {
                            System.out.println("refused: " + refused.getMessage());
                        }
                    }
                }
                """);
        String text = runJava(List.of("--enable-native-access=ALL-UNNAMED", "-cp", testClassPath(), source.toString()));
        assertThat(text).contains("refused: the task's class App (loaded by com.sun.tools.javac.launcher.")
                .contains("is not on the class path a child JVM is given")
                .contains("compile the program first")
                .doesNotContain("child ran").doesNotContain("WARNING");
    }

    @Test
    void aSpringBootNestedJarIsRefusedAtProcessWithWhatToDo() throws Exception {
        Path jar = scratch.resolve("app.jar");
        writeSpringBootJar(jar);
        String text = runJava(List.of("-jar", jar.toString()));
        assertThat(text).contains("refused: jbilliard's own class org.jbilliard.launcher.ChildMain"
                        + " (loaded by org.springframework.boot.loader.")
                .contains("nested:")
                .contains("java -Djarmode=tools -jar app.jar extract")
                .doesNotContain("child ran").doesNotContain("WARNING");
    }

    @Test
    void aCapturedClassTheChildCannotLoadFailsTheChildAtOnceNamingClassAndClassPath() throws Exception {
        Object alien = classOnlyThisJvmHas();
        Context context = new ReferenceContext();
        try (TaskProcess p = context.process(() -> System.out.println("child has " + alien), CAPTURE)) {
            p.start();
            joinBounded(p);
            assertThat(p.exitCode()).as(describe(p)).hasValue(1);
            TaskFailure failure = p.failure().orElseThrow(() -> new AssertionError("no failure: " + describe(p)));
            assertThat(failure.remoteClassName()).isEqualTo(ClassNotFoundException.class.getName());
            assertThat(failure.getMessage()).as(describe(p))
                    .contains("cannot load class gone.Elsewhere")
                    .contains("from the class path it was given: ")
                    .contains(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().getPath()
                            .replaceAll("/$", ""));
        }
    }

    @Test
    void aChildJvmThatCannotStartIsATaskFailureAtJoinNamingItsClassPath() throws Exception {
        Context context = new ReferenceContext();
        try (TaskProcess p = context.process(() -> System.out.println("child ran"),
                CAPTURE.withJvmOptions(List.of("-XX:+NoSuchJbilliardTestOption")))) {
            p.start();
            joinBounded(p);
            assertThat(p.exitCode()).as(describe(p)).hasValue(1);
            TaskFailure failure = p.failure().orElseThrow(() -> new AssertionError("no failure: " + describe(p)));
            assertThat(failure.getMessage()).as(describe(p))
                    .contains("exited with status 1 before it ran the task")
                    .contains("Its class path: ")
                    .contains("-XX:+NoSuchJbilliardTestOption");
            assertThat(p.capturedStderr()).contains("NoSuchJbilliardTestOption").doesNotContain("child ran");
        }
    }

    /** Runs a parent JVM to its end within the start bound; returns its output (stdout and stderr). */
    private String runJava(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ParentJvm.javaExecutable(), "-XX:-UsePerfData"));
        command.addAll(arguments);
        Path output = scratch.resolve("output.txt");
        Process parent = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            // The refusal comes at process(), before any child starts: well within one child's start-up
            // bound, where a get waiting for a child that cannot run would only end at its timeout.
            boolean exited = parent.waitFor(ProcessTesting.startBound().toMillis(), TimeUnit.MILLISECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited).as("parent exited: %s", text).isTrue();
            assertThat(parent.exitValue()).as(text).isZero();
            return text;
        } finally {
            parent.destroyForcibly();
            parent.waitFor(ProcessTesting.startBound().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String testClassPath() {
        List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        entries.add(location(ChildMain.class).toString());
        entries.add(location(Context.class).toString());
        return String.join(File.pathSeparator, entries);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An executable jar as Spring Boot's build plugin lays one out: Spring Boot's loader classes at the
     * root, {@code Main-Class} its {@code JarLauncher}, the application in {@code BOOT-INF/classes/},
     * its libraries as stored (uncompressed) jars in {@code BOOT-INF/lib/}.
     */
    private void writeSpringBootJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        main.putValue("Start-Class", NestedJarMain.class.getName());
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        main.putValue("Enable-Native-Access", "ALL-UNNAMED");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            Path loader = location(org.springframework.boot.loader.launch.JarLauncher.class);
            try (JarFile loaderJar = new JarFile(loader.toFile())) {
                for (Enumeration<JarEntry> entries = loaderJar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals("META-INF/") || entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue; // written by JarOutputStream
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = loaderJar.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            // Directory entries too: the loader finds BOOT-INF/classes/ and the packages by them.
            String mainClass = NestedJarMain.class.getName().replace('.', '/');
            String dir = "";
            for (String part : ("BOOT-INF/classes/" + mainClass.substring(0, mainClass.lastIndexOf('/') + 1)).split("/")) {
                dir += part + "/";
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("BOOT-INF/lib/"));
            out.closeEntry();
            Path testClasses = location(NestedJarMain.class);
            try (Stream<Path> files = Files.walk(testClasses)) {
                for (Path file : files.filter(f -> Files.isRegularFile(f) && testClasses.relativize(f).toString().startsWith(mainClass)).toList()) {
                    out.putNextEntry(new JarEntry("BOOT-INF/classes/" + testClasses.relativize(file)));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            storeNested(out, "BOOT-INF/lib/jbilliard-api.jar", zip(location(Context.class)));
            storeNested(out, "BOOT-INF/lib/jbilliard-launcher.jar", zip(location(ChildMain.class)));
            storeNested(out, "BOOT-INF/lib/jbilliard-reference-impl.jar", zip(location(ReferenceContext.class)));
        }
    }

    /** A directory of classes as jar bytes, or a jar's own bytes. */
    private byte[] zip(Path classes) throws IOException {
        if (Files.isRegularFile(classes)) {
            return Files.readAllBytes(classes);
        }
        Path jar = Files.createTempFile(scratch, "nested", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return Files.readAllBytes(jar);
    }

    /** Spring Boot's loader reads nested jars in place, so they are stored, not deflated. */
    private static void storeNested(JarOutputStream out, String name, byte[] content) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }

    /** An instance of a class compiled here and loaded by a private class loader that children lack. */
    private Object classOnlyThisJvmHas() throws Exception {
        Path work = scratch.resolve("alien");
        Path source = work.resolve("gone/Elsewhere.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package gone; public class Elsewhere implements java.io.Serializable {"
                + " private static final long serialVersionUID = 1L; }");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", work.toString(), source.toString());
        assertThat(status).as("javac status").isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        return loader.loadClass("gone.Elsewhere").getConstructor().newInstance();
    }
}
