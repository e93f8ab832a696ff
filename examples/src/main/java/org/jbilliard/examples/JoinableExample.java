package org.jbilliard.examples;

import java.util.List;
import org.jbilliard.Context;
import org.jbilliard.JoinableQueue;
import org.jbilliard.TaskProcess;

/** billiard's "Joinable Queue" usage example: two workers and a producer that joins the queue. */
public final class JoinableExample {

    private JoinableExample() {
    }

    /** Worker that processes tasks from queue. */
    static void worker(JoinableQueue<String> q) throws InterruptedException {
        while (true) {
            String item = q.get();
            if (item == null) {
                break;
            }

            System.out.println("Processing " + item + "...");
            Thread.sleep(500); // Simulate work
            System.out.println("Completed " + item);

            q.taskDone(); // Mark task as done
        }
    }

    /** Producer that waits for all tasks to complete. */
    static void producerWithJoin(JoinableQueue<String> q, List<String> items) throws InterruptedException {
        // Add tasks to queue
        for (String item : items) {
            System.out.println("Adding task: " + item);
            q.put(item);
        }

        // Wait for all tasks to be processed
        System.out.println("Waiting for all tasks to complete...");
        q.join();
        System.out.println("All tasks completed!");

        // Signal workers to stop
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
        // Create joinable queue
        JoinableQueue<String> q = ctx.joinableQueue();

        // Start workers
        List<TaskProcess> workers = List.of(
                ctx.process(() -> worker(q)),
                ctx.process(() -> worker(q)));

        for (TaskProcess w : workers) {
            w.start();
        }

        // Start producer
        List<String> tasks = List.of("task1", "task2", "task3", "task4", "task5");
        TaskProcess producerProcess = ctx.process(() -> producerWithJoin(q, tasks));
        producerProcess.start();
        producerProcess.join();

        // Stop workers
        for (TaskProcess w : workers) {
            w.join();
        }
    }
}
