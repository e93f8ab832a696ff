package org.jbilliard.reference.leaks;

import org.jbilliard.Context;
import org.jbilliard.Queue;

/**
 * A child JVM for the hygiene tests: creates a queue, prints its address, then either waits for its
 * standard input to close (to be killed as a "crashed creator") or exits at once with {@code exit}.
 */
public final class CreateQueueMain {

    private CreateQueueMain() {
    }

    public static void main(String[] args) throws Exception {
        Context context = Context.load();
        Queue<Object> queue = context.queue(4);
        queue.put("held");
        System.out.println(queue.address());
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            queue.close();
            queue.joinThread();
            return;
        }
        while (System.in.read() >= 0) {
            // the parent kills us
        }
    }
}
