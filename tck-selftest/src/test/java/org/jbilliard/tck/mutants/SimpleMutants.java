package org.jbilliard.tck.mutants;

import java.util.Arrays;
import java.util.List;
import org.jbilliard.SimpleQueue;

/** Mutants that break {@link SimpleQueue}. */
public final class SimpleMutants {

    private SimpleMutants() {
    }

    /** One write lock per SimpleQueue address, shared by its handles. */
    static final java.util.Map<String, java.util.concurrent.locks.ReentrantLock> WRITE_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A large payload holds the write lock for ten seconds (a pipe nobody reads); other writers wait for the
     * lock without responding to interrupts.
     */
    static <T> SimpleQueue<T> simpleWriterIgnoresInterrupt(SimpleQueue<T> queue) {
        return new ForwardingSimpleQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            private java.util.concurrent.locks.ReentrantLock lock() {
                return WRITE_LOCKS.computeIfAbsent(delegate.address(), a -> new java.util.concurrent.locks.ReentrantLock());
            }

            @Override
            public void sendPayload(byte[] payload) throws InterruptedException {
                java.util.concurrent.locks.ReentrantLock lock = lock();
                lock.lock(); // the defect: not lockInterruptibly()
                try {
                    if (payload.length >= (1 << 20)) {
                        delegate.sendPayload(payload);
                        QueueMutants.stall(java.time.Duration.ofSeconds(10));
                        Thread.interrupted();
                    } else {
                        delegate.sendPayload(payload);
                    }
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void put(T item) throws InterruptedException {
                java.util.concurrent.locks.ReentrantLock lock = lock();
                lock.lock();
                try {
                    delegate.put(item);
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /** put(null) is ignored and every third non-null item is dropped. */
    static <T> SimpleQueue<T> simpleDropsItems(SimpleQueue<T> queue) {
        return new ForwardingSimpleQueue<>(queue) {
            private static final long serialVersionUID = 1L;
            private int puts;

            @Override
            public void put(T item) throws InterruptedException {
                boolean drop;
                synchronized (this) {
                    drop = item != null && ++puts % 3 == 0;
                }
                if (!drop) {
                    delegate.put(item);
                }
            }
        };
    }

    /** empty() raises, as billiard 4.1.0's SimpleQueue does (AttributeError). */
    static <T> SimpleQueue<T> simpleEmptyBroken(SimpleQueue<T> queue) {
        return new ForwardingSimpleQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean empty() {
                throw new UnsupportedOperationException("'SimpleQueue' object has no attribute '_poll'");
            }
        };
    }

    /** getPayload() drops the last byte of every payload. */
    static <T> SimpleQueue<T> payloadTruncated(SimpleQueue<T> queue) {
        return new ForwardingSimpleQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public byte[] getPayload() throws InterruptedException {
                byte[] payload = delegate.getPayload();
                return payload.length == 0 ? payload : Arrays.copyOf(payload, payload.length - 1);
            }
        };
    }

    /** put() writes the item wrapped in a list, get() unwraps: payloads no longer match the codec. */
    @SuppressWarnings("unchecked")
    static <T> SimpleQueue<T> payloadNotCodec(SimpleQueue<T> queue) {
        SimpleQueue<Object> raw = (SimpleQueue<Object>) queue;
        return new ForwardingSimpleQueue<T>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void put(T item) throws InterruptedException {
                raw.put(Arrays.asList(item));
            }

            @Override
            public T get() throws InterruptedException {
                Object item = raw.get();
                return item instanceof List && !((List<?>) item).isEmpty() ? (T) ((List<?>) item).get(0) : (T) item;
            }
        };
    }

    /** close() leaves the SimpleQueue handle usable. */
    static <T> SimpleQueue<T> simpleCloseIsNoop(SimpleQueue<T> queue) {
        return new ForwardingSimpleQueue<>(queue) {
            private static final long serialVersionUID = 1L;
            private volatile boolean closed;

            @Override
            public void close() {
                closed = true;
            }

            @Override
            public boolean isClosed() {
                return closed;
            }
        };
    }

    /** get() retries after an interrupt; getPayload() leaves the interrupt status set. */
    static <T> SimpleQueue<T> simpleInterruptBroken(SimpleQueue<T> queue) {
        return new ForwardingSimpleQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public T get() {
                while (true) {
                    try {
                        return delegate.get();
                    } catch (InterruptedException e) {
                        // the defect: retry
                    }
                }
            }

            @Override
            public byte[] getPayload() throws InterruptedException {
                try {
                    return delegate.getPayload();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        };
    }
}
