package org.jbilliard;

import java.io.Serializable;

/**
 * The body of a {@link TaskProcess}: billiard's {@code Process(target=…, args=…)} as one
 * serializable lambda.
 *
 * <p>The task object, with everything it captures, is serialized in the parent and deserialized in
 * the child, so a lambda that captures queue handles hands those queues to the child:
 *
 * <pre>{@code
 * Queue<Integer> q = ctx.queue(5);
 * TaskProcess p = ctx.process(() -> { for (int i = 0; i < 10; i++) q.put(i); q.put(null); });
 * p.start();
 * }</pre>
 *
 * Everything the task captures must therefore be serializable (for a lambda, the target type makes
 * it so); captured values are copies in the child, except queue handles, which denote the same queue.
 */
@FunctionalInterface
public interface Task extends Serializable {

    /**
     * Runs the task in the child. Returning normally gives exit code 0; an uncaught exception is
     * printed to the child's standard error, carried back as {@link TaskProcess#failure()}, and
     * gives exit code 1.
     *
     * @throws Exception anything; it becomes the process's failure
     */
    void run() throws Exception;
}
