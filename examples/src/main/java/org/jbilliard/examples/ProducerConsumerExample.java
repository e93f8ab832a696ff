package org.jbilliard.examples;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.jbilliard.Context;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;

/** billiard's "Standard Queue" usage example: one producer, two consumers, {@code maxsize=5}. */
public final class ProducerConsumerExample {

    private ProducerConsumerExample() {
    }

    /** Producer process that puts items in queue. */
    static void producer(Queue<Integer> q, List<Integer> items) throws InterruptedException {
        for (Integer item : items) {
            System.out.println("Producing: " + item);
            q.put(item);
            Thread.sleep(100);
        }
        q.put(null); // Sentinel to signal completion
    }

    /** Consumer process that gets items from queue. */
    static void consumer(Queue<Integer> q, int consumerId) throws InterruptedException {
        while (true) {
            try {
                Integer item = q.get(Duration.ofSeconds(1));
                if (item == null) {
                    q.put(null); // Re-queue sentinel for other consumers
                    break;
                }
                System.out.println("Consumer " + consumerId + " consumed: " + item);
                Thread.sleep(200);
            } catch (Empty e) {
                System.out.println("Consumer " + consumerId + " timed out");
                break;
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String... args) throws InterruptedException {
        Context ctx = Context.load();
        // Create queue with max size
        Queue<Integer> q = ctx.queue(5);

        // Check initial state
        System.out.println("Queue size: " + q.qsize());
        System.out.println("Queue empty: " + q.empty());
        System.out.println("Queue full: " + q.full());

        // Start producer and consumers
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        List<TaskProcess> processes = List.of(
                ctx.process(() -> producer(q, items)),
                ctx.process(() -> consumer(q, 1)),
                ctx.process(() -> consumer(q, 2)));

        for (TaskProcess p : processes) {
            p.start();
        }

        for (TaskProcess p : processes) {
            p.join();
        }

        // Clean up
        q.close();
    }
}
