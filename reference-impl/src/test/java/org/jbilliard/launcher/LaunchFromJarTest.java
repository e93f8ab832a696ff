package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parent started with {@code java -jar}, whose {@code java.class.path} is only that jar (the jar's
 * manifest {@code Class-Path} names everything else, as in Surefire's manifest-only booter jar and in
 * many executable jars), still starts children that find the task's classes.
 */
class LaunchFromJarTest {

    @TempDir
    Path scratch;

    @Test
    void childOfAnExecutableJarWithAManifestClassPathRuns() throws Exception {
        Path jar = scratch.resolve("launcher.jar");
        writeManifestOnlyJar(jar);
        List<String> command = List.of(ParentJvm.javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                "-XX:-UsePerfData", "-jar", jar.toString());
        Path output = scratch.resolve("output.txt");
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            boolean exited = parent.waitFor(ProcessTesting.startBound().toMillis(), TimeUnit.MILLISECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited).as("parent exited: %s", text).isTrue();
            assertThat(parent.exitValue()).as(text).isZero();
            assertThat(text).contains("parent class path " + jar)
                    .contains("child ran from JarLaunchMain")
                    .contains("child exit 0");
        } finally {
            parent.destroyForcibly();
            parent.waitFor(ProcessTesting.startBound().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void writeManifestOnlyJar(Path jar) throws IOException {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toAbsolutePath().toUri().toString()); // directories end in '/'
        }
        // Whatever Surefire's own class path looks like, make sure the classes under test are named.
        urls.add(Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toUri().toString());
        urls.add(Path.of(LaunchFromJarTest.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toUri().toString());
        urls.add(Path.of(org.jbilliard.Context.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toUri().toString());
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, JarLaunchMain.class.getName());
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(jar)) {
            new JarOutputStream(out, manifest).close(); // manifest only
        }
    }
}
