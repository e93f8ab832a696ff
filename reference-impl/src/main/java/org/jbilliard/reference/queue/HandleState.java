package org.jbilliard.reference.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jbilliard.reference.nativeio.ErrnoException;

/**
 * The lifecycle of one handle, kept apart from the handle object so that the handle can become
 * unreachable: the feeder thread and the {@link HandleRegistry} reference this state, never the
 * handle. A handle holds one reference to its queue's shared attachment ({@link HandleRegistry})
 * from construction until {@link #maybeRelease()} gives it back, which happens once
 * <ul>
 * <li>the handle is closed ({@code close()}) or became unreachable ({@link #run()}, from the
 * {@link HandleRegistry#CLEANER}; it closes the feeder, which then flushes what was put), and</li>
 * <li>no operation of the handle runs (an operation counts as running between {@link #enter} and
 * {@link #exit}: a handle used once and dropped is not released under its last call), and</li>
 * <li>its feeder, if it has one, has written everything buffered and ended.</li>
 * </ul>
 * Closing one handle therefore never disturbs another handle of the same queue in this process:
 * their attachment lives on until the last of them is released.
 *
 * <p><b>Thread-safety.</b> Thread-safe: the flags are volatile, the release happens once under this
 * object's lock.
 */
final class HandleState implements Runnable {

    final PipeChannel channel;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closed;
    /** Set by {@code cancelJoinThread()}: at exit, do not wait for the feeder. */
    volatile boolean joinCancelled;
    /** The handle's feeder, or {@code null} (set once, by the feeder queue's constructor). */
    private volatile Feeder feeder;
    /** Guarded by this. */
    private boolean released;

    /**
     * @param channel the attachment, with one reference already counted for this handle
     */
    HandleState(PipeChannel channel) {
        this.channel = channel;
        HandleRegistry.register(this);
    }

    void feeder(Feeder f) {
        this.feeder = f;
    }

    Feeder feeder() {
        return feeder;
    }

    boolean isClosed() {
        return closed;
    }

    /** @return {@code false} if the handle is closed (nothing was entered) */
    boolean enter() {
        active.incrementAndGet();
        if (closed) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (active.decrementAndGet() == 0 && closed) {
            maybeRelease();
        }
    }

    /** Marks the handle closed, lets its feeder flush and end, and releases as soon as nothing uses it. */
    void close() {
        closed = true;
        Feeder f = feeder;
        if (f != null) {
            f.close();
        }
        wakeBlockedReaders();
        maybeRelease();
    }

    /** The handle became unreachable (called once, by the cleaner): as {@link #close()}. */
    @Override
    public void run() {
        try {
            close();
        } catch (RuntimeException | Error e) {
            // NOTE: nobody to report to; the slot goes back when the process exits (or the survivors'
            // repair, if it is killed).
        }
    }

    /** Lets this process's readers blocked on an empty queue see the close now. */
    private synchronized void wakeBlockedReaders() {
        // NOTE: under the lock maybeRelease takes, so the reference cannot be given back meanwhile.
        if (!released) {
            channel.wakeBlockedReaders();
        }
    }

    boolean feederRunning() {
        Feeder f = feeder;
        return f != null && !f.isFinished();
    }

    /** Gives the handle's reference back once closed, idle and flushed; see the class comment. */
    synchronized void maybeRelease() {
        if (released || !closed || active.get() > 0 || feederRunning()) {
            return;
        }
        released = true;
        HandleRegistry.unregister(this);
        try {
            HandleRegistry.release(channel);
        } catch (ErrnoException | InternalError e) {
            throw new UncheckedIOException(channel.name + ": close failed: " + e.getMessage(),
                    new IOException(e.toString(), e));
        }
    }

    synchronized boolean isReleased() {
        return released;
    }

    /** Called at JVM exit for a handle that was never closed; see {@link HandleRegistry}. */
    void closeAtExit() {
        close();
        Feeder f = feeder;
        if (f == null) {
            return;
        }
        // As billiard, wait for the flush; but once no other process is attached nobody can ever
        // read what is left (the files go with this process), so waiting would only hang the exit.
        try {
            while (!joinCancelled && !f.awaitFlushed(100_000_000L) && channel.otherProcessAttached()) {
                // keep waiting: a reader in another process drains the FIFO
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException released) {
            // the feeder finished and released the mapping between two checks: nothing left to wait for
        }
        if (!feederRunning()) {
            maybeRelease();
        } else {
            try {
                channel.abandonAtExit();
            } catch (IllegalStateException released) {
                // released meanwhile
            }
        }
    }
}
