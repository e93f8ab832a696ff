package org.jbilliard.tck.mutants;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;

/**
 * Mutants that claim {@link org.jbilliard.Feature#CRASH_SAFE} (over the in-JVM implementation with
 * simulated signals) but are harmed by a killed participant, as billiard is.
 */
public final class CrashMutants {

    private CrashMutants() {
    }

    static boolean isKill(Throwable thrown) {
        return thrown.getClass().getName().endsWith("SimulatedKill");
    }

    /** billiard's read lock: held while blocked in get, leaked when the holder is killed. */
    static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    interface Read<R> {
        R read() throws Exception;
    }

    @SuppressWarnings("unchecked")
    static <R, X extends Exception> R locked(String address, Read<R> read) throws X, InterruptedException {
        ReentrantLock lock = LOCKS.computeIfAbsent(address, a -> new ReentrantLock());
        // NOTE: uninterruptible, so that a kill arriving just before the read still finds the lock taken.
        lock.lock();
        boolean killed = false;
        try {
            return read.read();
        } catch (Error e) {
            killed = isKill(e);
            throw e;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw (X) e;
        } finally {
            if (!killed) {
                lock.unlock();
            }
        }
    }

    static <T> Queue<T> leaksLockOnKill(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public T get() throws InterruptedException {
                return CrashMutants.<T, RuntimeException>locked(delegate.address(), delegate::get);
            }

            @Override
            public T get(Duration timeout) throws InterruptedException, Empty {
                return CrashMutants.<T, Empty>locked(delegate.address(), () -> delegate.get(timeout));
            }
        };
    }

    static <T> SimpleQueue<T> leaksLockOnKillSimple(SimpleQueue<T> queue) {
        return new ForwardingSimpleQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public T get() throws InterruptedException {
                return CrashMutants.<T, RuntimeException>locked(delegate.address(), delegate::get);
            }
        };
    }

    /** Large byte[] items are written as two frames; a producer killed between them leaves a torn item. */
    @SuppressWarnings("unchecked")
    static <T> Queue<T> tornItemOnKill(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void put(T item) throws InterruptedException {
                if (item instanceof byte[] && ((byte[]) item).length > 1024) {
                    byte[] bytes = (byte[]) item;
                    int half = bytes.length / 2;
                    delegate.put((T) java.util.Arrays.copyOfRange(bytes, 0, half));
                    // The defect's window made wide: a producer spends nearly all its time with
                    // half an item published, so the rule's kill lands there whenever it comes.
                    Thread.sleep(50);
                    delegate.put((T) java.util.Arrays.copyOfRange(bytes, half, bytes.length));
                } else {
                    delegate.put(item);
                }
            }

            @Override
            public T get(Duration timeout) throws InterruptedException, Empty {
                T first = delegate.get(timeout);
                if (!(first instanceof byte[]) || ((byte[]) first).length <= 512) {
                    return first;
                }
                T second;
                try {
                    second = delegate.get(timeout);
                } catch (Empty e) {
                    return first;
                }
                byte[] a = (byte[]) first;
                byte[] b = (byte[]) second;
                byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, joined, a.length, b.length);
                return (T) joined;
            }
        };
    }

    /** Slots of items put by a process that is killed are never released (billiard row 21). */
    static final Map<String, AtomicInteger> LEAKED = new ConcurrentHashMap<>();
    static final ThreadLocal<List<String>> PUT_BY_THIS_THREAD = ThreadLocal.withInitial(ArrayList::new);

    static void died() {
        for (String address : PUT_BY_THIS_THREAD.get()) {
            LEAKED.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        }
    }

    static int leaked(String address) {
        AtomicInteger count = LEAKED.get(address);
        return count == null ? 0 : count.get();
    }

    static <T> Queue<T> leaksCapacityOnKill(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void put(T item) throws InterruptedException {
                delegate.put(item);
                PUT_BY_THIS_THREAD.get().add(delegate.address());
            }

            @Override
            public T get() throws InterruptedException {
                try {
                    return delegate.get();
                } catch (Error e) {
                    if (isKill(e)) {
                        died();
                    }
                    throw e;
                }
            }

            @Override
            public int qsize() {
                return delegate.qsize() + leaked(delegate.address());
            }

            @Override
            public void putNowait(T item) throws Full {
                if (delegate.qsize() + leaked(delegate.address()) >= delegate.maxsize()) {
                    throw new Full("full: " + leaked(delegate.address()) + " slots leaked by dead producers");
                }
                delegate.putNowait(item);
            }
        };
    }

    /** join(timeout) waits without a deadline while a task is unfinished. */
    static <T> JoinableQueue<T> joinHangsAfterKill(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean join(Duration timeout) throws InterruptedException {
                if (timeout.isZero()) {
                    return joinable().join(timeout);
                }
                joinable().join();
                return true;
            }
        };
    }
}
