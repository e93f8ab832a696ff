package org.jbilliard.reference.queue;

import java.time.Duration;
import org.jbilliard.JoinableQueue;
import org.jbilliard.reference.nativeio.ErrnoException;

/**
 * billiard's {@code JoinableQueue} over a FIFO shared by processes: a {@link PipeQueue} whose
 * unfinished-task count lives in the control block, raised by every {@code put} in any process and
 * lowered by every {@link #taskDone()} in any process. {@link #join()} sleeps on that count (futex)
 * until it is zero, re-checking after every wake-up (no spurious return). Items that can never be
 * delivered (their producer died before flushing them, or they were torn or corrupted) are taken off
 * the count; an item whose consumer died after taking it stays unfinished (BEHAVIOUR row 22).
 *
 * <p><b>Thread-safety.</b> As {@link PipeQueue}.
 *
 * @param <T> the item type
 */
final class PipeJoinableQueue<T> extends PipeQueue<T> implements JoinableQueue<T> {
    private static final long serialVersionUID = 1L;

    PipeJoinableQueue(PipeChannel channel) {
        super(channel);
    }

    @Override
    int kind() {
        return ControlBlockLayout.KIND_JOINABLE;
    }

    @Override
    public void taskDone() {
        checkOpen("taskDone");
        boolean counted;
        try {
            counted = channel.taskDone();
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("taskDone", e);
        } finally {
            java.lang.ref.Reference.reachabilityFence(this);
        }
        if (!counted) {
            throw new IllegalStateException("task_done() called too many times");
        }
    }

    @Override
    public void join() throws InterruptedException {
        checkInterrupted("join");
        enter("join");
        try {
            channel.join(SharedLock.NO_DEADLINE, checkpoint("join"));
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("join", e);
        } finally {
            exit();
        }
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        long deadline = deadline(timeout);
        checkInterrupted("join");
        enter("join");
        try {
            return channel.join(deadline, checkpoint("join"));
        } catch (ErrnoException | InternalError e) {
            throw systemFailure("join", e);
        } finally {
            exit();
        }
    }
}
