package com.example.adopter;

import java.time.Duration;
import org.jbilliard.Context;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;

/**
 * A producer in a child JVM, a consumer here: the README's first example as an adopter writes it.
 * Prints one line per item and a summary; exits 0 only if every item arrived and the child succeeded.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Context ctx = Context.load();
        Queue<Integer> q = ctx.queue(5);
        int received = 0;
        try (TaskProcess producer = ctx.process(() -> {
                for (int i = 0; i < count; i++) q.put(i);
                q.put(null);
            })) {
            producer.start();
            for (Integer item; (item = q.get(Duration.ofSeconds(30))) != null; ) {
                System.out.println("consumed " + item);
                received++;
            }
            producer.join();
            if (received != count || producer.exitCode().orElse(-1) != 0) {
                System.err.println("adopter: received " + received + " of " + count + " items, child exit "
                        + producer.exitCode() + ", failure " + producer.failure());
                System.exit(1);
            }
        } finally {
            q.close();
        }
        System.out.println("adopter: " + received + " items from a producer in a child JVM, child exit 0");
    }
}
