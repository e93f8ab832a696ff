package org.jbilliard.tck.mutants;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Empty;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;

/** Mutants that break creation, blocking reads, closing and the context's self-description. */
public final class LifecycleMutants {

    private LifecycleMutants() {
    }

    /** features() returns a mutable set. */
    static Context mutableFeatures(Context context) {
        return new ForwardingContext(context) {
            @Override
            public Set<Feature> features() {
                return EnumSet.copyOf(delegate.features());
            }
        };
    }

    /** maxsize() reports the argument as given, even zero or negative. */
    static Context rawMaxsize(Context context) {
        return new ForwardingContext(context) {
            @Override
            public <T> Queue<T> queue(int maxsize, Codec codec) {
                return reporting(delegate.queue(maxsize, codec), maxsize);
            }

            @Override
            public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
                return reportingJoinable(delegate.joinableQueue(maxsize, codec), maxsize);
            }
        };
    }

    static <T> Queue<T> reporting(Queue<T> queue, int reported) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public int maxsize() {
                return reported;
            }
        };
    }

    static <T> JoinableQueue<T> reportingJoinable(JoinableQueue<T> queue, int reported) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public int maxsize() {
                return reported;
            }
        };
    }

    /** get() on an empty queue returns null instead of waiting. */
    static <T> Queue<T> getDoesNotWait(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public T get() {
                try {
                    return delegate.getNowait();
                } catch (Empty e) {
                    return null;
                }
            }
        };
    }

    /** close() discards the items still in the queue instead of flushing them. */
    static <T> Queue<T> losesItemsOnClose(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void close() {
                try {
                    while (true) {
                        delegate.getNowait();
                    }
                } catch (Empty | RuntimeException e) {
                    delegate.close();
                }
            }
        };
    }

    /** joinThread() after close() never returns. */
    static <T> Queue<T> joinThreadHangs(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void joinThread() throws InterruptedException {
                delegate.joinThread();
                new CountDownLatch(1).await();
            }
        };
    }

    /**
     * Removes a queue when its last <em>attached</em> handle closes, although a started process that
     * captured a handle has not used (attached) it yet.
     */
    static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> ATTACHED =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.Set<String> RELEASED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static <T> Queue<T> releasesQueueOnLastClose(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;
            /** Transient: a deserialized handle attaches on first use, as a child process would. */
            private transient boolean attached;

            private void use() {
                String address = delegate.address();
                synchronized (this) {
                    if (attached) {
                        return;
                    }
                    if (RELEASED.contains(address)) {
                        throw new IllegalArgumentException("no queue at " + address
                                + " (released when its last attached handle closed)");
                    }
                    attached = true;
                    ATTACHED.computeIfAbsent(address, a -> new java.util.concurrent.atomic.AtomicInteger())
                            .incrementAndGet();
                }
            }

            @Override
            public void put(T item) throws InterruptedException {
                use();
                delegate.put(item);
            }

            @Override
            public T get() throws InterruptedException {
                use();
                return delegate.get();
            }

            @Override
            public T get(java.time.Duration timeout) throws InterruptedException, Empty {
                use();
                return delegate.get(timeout);
            }

            @Override
            public boolean empty() {
                use();
                return delegate.empty();
            }

            @Override
            public void close() {
                synchronized (this) {
                    if (attached && ATTACHED.get(delegate.address()).decrementAndGet() == 0) {
                        RELEASED.add(delegate.address());
                    }
                    attached = false;
                }
                delegate.close();
            }
        };
    }
}
