package org.jbilliard;

import java.time.Duration;

/**
 * A {@link Queue} that also counts unfinished tasks: billiard's {@code JoinableQueue}.
 *
 * <p>The count goes up by one for every successful {@code put} (in any process) and down by one for
 * every {@link #taskDone()} (in any process). {@link #join()} waits until it reaches zero. A consumer
 * calls {@code taskDone()} once for each item it got, after processing it — including an item whose
 * {@code get} threw {@link CodecException}: it was taken off the queue and counts as unfinished until
 * then (as in billiard, whose {@code get} consumes an item that fails to unpickle; BEHAVIOUR row 25).
 *
 * <p>Unlike billiard, {@link #join()} never returns while the count is non-zero (billiard waits on
 * its condition only once and may return early, BEHAVIOUR row 14), and {@link #join(Duration)} lets
 * a caller stop waiting, e.g. for a worker that was killed between {@code get} and {@code taskDone}
 * (row 22): the task stays unfinished, as it really is.
 *
 * <p><b>Memory consistency.</b> Actions of a thread before its {@code taskDone()} happen-before
 * {@code join()} returning in another thread of the same process.
 *
 * @param <T> the type of the items
 */
public interface JoinableQueue<T> extends Queue<T> {

    /**
     * Marks one formerly got item as processed. billiard: {@code task_done()}.
     *
     * @throws IllegalStateException with the message {@code "task_done() called too many times"} if
     *                               the count is already zero (billiard: {@code ValueError}); the
     *                               count stays zero
     * @throws QueueClosedException  if this handle was closed
     */
    void taskDone();

    /**
     * Waits until every item ever put has been marked done. billiard: {@code join()}.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws QueueClosedException if this handle was closed
     */
    void join() throws InterruptedException;

    /**
     * Waits at most {@code timeout} until every item put has been marked done. Not in billiard.
     *
     * @param timeout how long to wait; zero or negative means check once
     * @return {@code true} if the count reached zero, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting
     * @throws QueueClosedException if this handle was closed
     */
    boolean join(Duration timeout) throws InterruptedException;
}
