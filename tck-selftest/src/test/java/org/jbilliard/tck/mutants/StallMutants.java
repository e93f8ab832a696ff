package org.jbilliard.tck.mutants;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.tck.TckEnvironment;
import org.jbilliard.tck.simulated.SimulatedContext;

/**
 * Mutants that let one participant hold up the others: a reader that keeps the read lock while it waits
 * (billiard's {@code _rlock}), and readers that wait for an item a stopped producer has counted but not
 * finished writing (the reference's {@code getNowait()} before its deadline fix). Run over the in-JVM
 * implementation with simulated signals, whose processes the TCK suspends instead of sending SIGSTOP.
 */
public final class StallMutants {

    private StallMutants() {
    }

    /** One read lock per queue address, shared by every handle of the queue, as billiard's is. */
    static final Map<String, ReentrantLock> READ_LOCKS = new ConcurrentHashMap<>();

    /** Items counted but not yet written, per queue address. */
    static final Map<String, AtomicInteger> PENDING = new ConcurrentHashMap<>();

    private static ReentrantLock readLock(String address) {
        return READ_LOCKS.computeIfAbsent(address, a -> new ReentrantLock());
    }

    private static AtomicInteger pending(String address) {
        return PENDING.computeIfAbsent(address, a -> new AtomicInteger());
    }

    /**
     * get() holds the queue's read lock while it waits for data; getNowait() and get(timeout) wait for that
     * lock without a deadline.
     */
    static <T> Queue<T> readerLockHeldWhileBlocked(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public T get() throws InterruptedException {
                ReentrantLock lock = readLock(delegate.address());
                lock.lockInterruptibly();
                try {
                    return delegate.get();
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public T get(Duration timeout) throws InterruptedException, Empty {
                ReentrantLock lock = readLock(delegate.address());
                lock.lockInterruptibly();
                try {
                    return delegate.get(timeout);
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public T getNowait() throws Empty {
                ReentrantLock lock = readLock(delegate.address());
                // the defect: "nowait" still queues for the lock a blocked reader holds
                lock.lock();
                try {
                    return delegate.getNowait();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /**
     * A large item is counted when put() starts and written in slices for a while (one second times the
     * time factor, as a multi-MiB frame is written into a pipe nobody reads); getNowait() and get(timeout)
     * wait, without a deadline, until every counted item is written.
     */
    static <T> Queue<T> owedItemWaitedFor(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void put(T item) throws InterruptedException {
                if (!(item instanceof byte[]) || ((byte[]) item).length < (1 << 20)) {
                    delegate.put(item);
                    return;
                }
                AtomicInteger counted = pending(delegate.address());
                counted.incrementAndGet();
                try {
                    long writing = (long) (TimeUnit.SECONDS.toNanos(1) * TckEnvironment.current().timeFactor());
                    long done = System.nanoTime() + writing;
                    while (System.nanoTime() < done) {
                        SimulatedContext.stopPoint();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                    delegate.put(item);
                } finally {
                    counted.decrementAndGet();
                }
            }

            private void awaitWritten() throws Empty {
                AtomicInteger counted = pending(delegate.address());
                // the defect: an item on its way is waited for, whatever the caller's deadline
                while (counted.get() > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Empty("interrupted while waiting for an item on its way");
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }

            @Override
            public T getNowait() throws Empty {
                awaitWritten();
                return delegate.getNowait();
            }

            @Override
            public T get(Duration timeout) throws InterruptedException, Empty {
                awaitWritten();
                return delegate.get(timeout);
            }

            @Override
            public boolean empty() {
                return delegate.empty() && pending(delegate.address()).get() == 0;
            }
        };
    }
}
