package org.jbilliard.examples;

import java.time.Duration;
import org.jbilliard.Context;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.Queue;

/** billiard's "Queue Exceptions" usage example: {@code Full} and {@code Empty}, with and without timeouts. */
public final class ExceptionsExample {

    private ExceptionsExample() {
    }

    /** Demonstrate queue exception handling. */
    static void handleQueueExceptions() throws InterruptedException, Full {
        Queue<String> q = Context.load().queue(2);

        try {
            // Fill the queue
            q.put("item1");
            q.put("item2");
            System.out.println("Queue filled");

            // Try to put more (will raise Full)
            q.putNowait("item3");
        } catch (Full e) {
            System.out.println("Queue is full!");
        }

        try {
            // Empty the queue
            System.out.println("Item: " + q.getNowait());
            System.out.println("Item: " + q.getNowait());
            System.out.println("Queue emptied");

            // Try to get more (will raise Empty)
            q.getNowait();
        } catch (Empty e) {
            System.out.println("Queue is empty!");
        }

        // With timeouts
        try {
            q.put("timeout_test", Duration.ofMillis(100));
            String result = q.get(Duration.ofMillis(100));
            System.out.println("Got with timeout: " + result);

            // This will timeout
            q.get(Duration.ofMillis(100));
        } catch (Empty e) {
            System.out.println("Get operation timed out");
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if the queue misbehaves ({@code Full} where billiard would raise it too)
     */
    public static void main(String... args) throws Exception {
        handleQueueExceptions();
    }
}
