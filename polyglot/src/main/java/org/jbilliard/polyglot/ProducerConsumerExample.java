package org.jbilliard.polyglot;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jbilliard.Queue;
import org.jbilliard.codecs.CborCodec;
import org.jbilliard.redis.RedisContext;

/**
 * billiard's "Standard Queue" usage example with the producer in Java and the two consumers in
 * Python ({@code examples/polyglot/consumer.py}, billiard's consumer function on a
 * {@code jbilliard.Queue}): one Redis queue, {@code maxsize=5}, the same printed lines (Java prints
 * {@code true}/{@code false} where Python prints {@code True}/{@code False}).
 *
 * <p>The server comes from {@code JBILLIARD_REDIS_URL} (default {@code redis://127.0.0.1:6379/0});
 * the consumers run {@code JBILLIARD_PYTHON} (default {@code /usr/bin/python3}) on
 * {@code examples/polyglot/consumer.py}, or the file named by the system property
 * {@code jbilliard.example.consumer}; they need the {@code jbilliard} package
 * ({@code pip install ./python}, or {@code PYTHONPATH=python}).
 *
 * <p><b>Thread-safety.</b> A program; its {@code main} runs once.
 */
public final class ProducerConsumerExample {

    private ProducerConsumerExample() {
    }

    /** Producer that puts items in queue. */
    static void producer(Queue<Object> q, List<Integer> items) throws InterruptedException {
        for (Integer item : items) {
            System.out.println("Producing: " + item);
            q.put(item);
            Thread.sleep(100);
        }
        q.put(null); // Sentinel to signal completion
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if a consumer cannot be started or fails
     */
    public static void main(String... args) throws Exception {
        RedisContext ctx = new RedisContext();
        // Create queue with max size
        Queue<Object> q = ctx.queue(5, new CborCodec());

        // Check initial state
        System.out.println("Queue size: " + q.qsize());
        System.out.println("Queue empty: " + q.empty());
        System.out.println("Queue full: " + q.full());
        System.out.flush();

        // Start the consumers (Python) and the producer (Java)
        String python = System.getenv().getOrDefault("JBILLIARD_PYTHON", "/usr/bin/python3");
        String script = System.getProperty("jbilliard.example.consumer",
                "examples" + File.separator + "polyglot" + File.separator + "consumer.py");
        List<Process> consumers = new ArrayList<>();
        for (int id = 1; id <= 2; id++) {
            consumers.add(new ProcessBuilder(python, script, q.address(), Integer.toString(id)).inheritIO().start());
        }
        producer(q, IntStream.range(0, 10).boxed().toList());

        int failed = 0;
        for (Process consumer : consumers) {
            if (!consumer.waitFor(60, TimeUnit.SECONDS)) {
                consumer.destroyForcibly();
                failed++;
            } else if (consumer.exitValue() != 0) {
                failed++;
            }
        }
        // Clean up
        q.close();
        if (failed > 0) {
            System.err.println(failed + " consumer(s) failed");
            System.exit(1);
        }
    }
}
