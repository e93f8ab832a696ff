package org.jbilliard.polyglot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the two examples of the README's "Python and Java on one queue" section as they are printed
 * there: the Java block as a single-file program in a child JVM (on this test's class path), the Python
 * block with Debian's {@code python3}, on the address the Java side prints, against a real
 * {@code redis-server}. Both must end on their own: the Java side's {@code join()} returns only after
 * Python's {@code task_done()} for every item.
 */
class ReadmeExampleTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    @Test
    void theReadmesJavaProducerAndPythonConsumerRunAsPrinted(@TempDir Path temp) throws Exception {
        Path repository = PythonPeer.repository();
        String readme = Files.readString(repository.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Python and Java on one queue"));
        String java = block(section, "java");
        String python = block(section, "python");
        assertThat(java.lines().count()).as("lines of the Java example").isLessThanOrEqualTo(10);
        assertThat(python.lines().count()).as("lines of the Python example").isLessThanOrEqualTo(10);

        Path source = temp.resolve("ReadmeJava.java");
        Files.writeString(source, """
                import java.util.List;
                import java.util.Map;
                import org.jbilliard.Context;
                import org.jbilliard.JoinableQueue;
                import org.jbilliard.codecs.CborCodec;

                public class ReadmeJava {
                    public static void main(String[] args) throws Exception {
                """ + java + """
                        System.out.println("joined");
                    }
                }
                """);
        Path script = temp.resolve("readme.py");
        Files.writeString(script, python);
        Path javaOut = temp.resolve("java.out");
        ProcessBuilder javaSide = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), source.toString())
                .redirectErrorStream(true).redirectOutput(javaOut.toFile());
        javaSide.environment().put("JBILLIARD_REDIS_URL", REDIS.server().uri());
        Process producer = javaSide.start();
        Process consumer = null;
        try {
            producer.getOutputStream().close();
            String address = awaitAddress(javaOut, producer);
            ProcessBuilder pb = new ProcessBuilder(PythonPeer.PYTHON, script.toString(), address).redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", repository.resolve("python").toString());
            consumer = pb.start();
            consumer.getOutputStream().close();
            String printed = new String(consumer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).as("the Python example ends").isTrue();
            assertThat(consumer.exitValue()).as("Python's exit code; it printed:\n" + printed).isZero();
            assertThat(printed.lines().toList()).containsExactlyElementsOf(
                    IntStream.range(0, 10).mapToObj(i -> "job " + i + " [" + i + ", 'x']").toList());
            assertThat(producer.waitFor(60, TimeUnit.SECONDS)).as("the Java example ends").isTrue();
            assertThat(producer.exitValue()).as("Java's exit code; it printed:\n" + Files.readString(javaOut)).isZero();
            assertThat(Files.readString(javaOut)).contains("joined");
        } finally {
            producer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (consumer != null) {
                consumer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String block(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find()).as("a ```" + language + " block in the section").isTrue();
        return m.group(1);
    }

    private String awaitAddress(Path out, Process producer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Pattern address = Pattern.compile("redis://\\S+#jbq=\\S+");
        while (System.nanoTime() < deadline) {
            Matcher m = address.matcher(Files.readString(out));
            if (m.find()) {
                return m.group();
            }
            if (!producer.isAlive()) {
                throw new AssertionError("the Java example exited with " + producer.exitValue() + " before printing"
                        + " its address:\n" + Files.readString(out));
            }
            producer.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("the Java example printed no address within 60 s:\n" + Files.readString(out));
    }
}
