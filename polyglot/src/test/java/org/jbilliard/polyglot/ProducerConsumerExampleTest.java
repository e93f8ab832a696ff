package org.jbilliard.polyglot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs {@link ProducerConsumerExample} as a program (its own JVM, the producer; two Python
 * consumers it starts) and checks that it prints what billiard's example prints: exactly where that
 * output is deterministic, as a multiset and happens-before pairs where processes interleave.
 */
class ProducerConsumerExampleTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    @Test
    void printsWhatBilliardsExamplePrints() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djbilliard.example.consumer=" + PythonPeer.repository().resolve("examples/polyglot/consumer.py"),
                ProducerConsumerExample.class.getName());
        builder.environment().put("JBILLIARD_REDIS_URL", REDIS.server().uri());
        builder.environment().put("PYTHONPATH", PythonPeer.repository().resolve("python").toString());
        builder.environment().put("JBILLIARD_PYTHON", PythonPeer.PYTHON);
        Process process = builder.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()),
                r -> new Thread(r, "example-stderr").start());
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
                r -> new Thread(r, "example-stdout").start());
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the example finished").isTrue();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String errors = stderr.get(10, TimeUnit.SECONDS);
        assertThat(process.exitValue()).as("exit status; stderr:%n%s", errors).isZero();
        List<String> lines = stdout.get(10, TimeUnit.SECONDS).lines().toList();

        assertThat(lines.subList(0, 3)).containsExactly("Queue size: 0", "Queue empty: true", "Queue full: false");
        List<Integer> produced = new ArrayList<>();
        List<Integer> consumed = new ArrayList<>();
        Pattern producing = Pattern.compile("Producing: (\\d+)");
        Pattern consuming = Pattern.compile("Consumer ([12]) consumed: (\\d+)");
        for (String line : lines.subList(3, lines.size())) {
            Matcher p = producing.matcher(line);
            Matcher c = consuming.matcher(line);
            if (p.matches()) {
                produced.add(Integer.parseInt(p.group(1)));
            } else if (c.matches()) {
                int item = Integer.parseInt(c.group(2));
                assertThat(produced).as("'%s' after 'Producing: %d'", line, item).contains(item);
                consumed.add(item);
            } else {
                // billiard prints this too when a consumer waits a whole second on a loaded machine.
                assertThat(line).matches("Consumer [12] timed out");
            }
        }
        assertThat(produced).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(consumed).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
