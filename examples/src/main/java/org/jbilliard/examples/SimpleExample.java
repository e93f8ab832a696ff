package org.jbilliard.examples;

import java.util.List;
import org.jbilliard.Context;
import org.jbilliard.SimpleQueue;
import org.jbilliard.TaskProcess;

/**
 * billiard's "Simple Queue" usage example: a producer and two polling workers. (billiard 4.1.0 itself
 * crashes on it: its {@code SimpleQueue.empty()} is broken; jbilliard's works.)
 */
public final class SimpleExample {

    private SimpleExample() {
    }

    /** Simple worker using SimpleQueue. */
    static void simpleWorker(SimpleQueue<String> q, int workerId) throws InterruptedException {
        while (true) {
            if (q.empty()) {
                Thread.sleep(100);
                continue;
            }

            try {
                String item = q.get();
                if (item == null) {
                    break;
                }

                System.out.println("Worker " + workerId + " got: " + item);
                Thread.sleep(200);
            } catch (Exception e) { // billiard's bare "except:"
                break;
            }
        }
    }

    /** Simple producer. */
    static void simpleProducer(SimpleQueue<String> q, List<String> items) throws InterruptedException {
        for (String item : items) {
            q.put(item);
            Thread.sleep(100);
        }

        // Signal completion
        q.put(null);
        q.put(null);
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String... args) throws InterruptedException {
        Context ctx = Context.load();
        // Create simple queue
        SimpleQueue<String> q = ctx.simpleQueue();

        // Start processes
        List<TaskProcess> processes = List.of(
                ctx.process(() -> simpleProducer(q, List.of("A", "B", "C", "D"))),
                ctx.process(() -> simpleWorker(q, 1)),
                ctx.process(() -> simpleWorker(q, 2)));

        for (TaskProcess p : processes) {
            p.start();
        }

        for (TaskProcess p : processes) {
            p.join();
        }

        q.close();
    }
}
