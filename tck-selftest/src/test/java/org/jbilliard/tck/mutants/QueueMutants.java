package org.jbilliard.tck.mutants;

import static org.jbilliard.tck.mutants.QueuePatch.patch;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.CodecException;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.Queue;
import org.jbilliard.tck.TckEnvironment;

/** Mutants that break {@link Queue}: each is a context whose queue handles carry one defect. */
public final class QueueMutants {

    private QueueMutants() {
    }

    /**
     * The {@link #dropsItem} mutant as a class with a public no-argument constructor, so that the command
     * line can be pointed at it ({@code --context org.jbilliard.tck.mutants.QueueMutants$DropsItem}).
     */
    public static final class DropsItem extends Mutant.MutantContext {
        /** Creates the mutant. */
        public DropsItem() {
            super(MutantCatalogue.find("DropsItem"));
        }
    }

    /** Silently drops every third item put through a handle. */
    static <T> Queue<T> dropsItem(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;
            private int puts;

            private boolean drop() {
                synchronized (this) {
                    return ++puts % 3 == 0;
                }
            }

            @Override
            public void put(T item) throws InterruptedException {
                if (!drop()) {
                    delegate.put(item);
                }
            }

            @Override
            public void put(T item, Duration timeout) throws InterruptedException, Full {
                if (!drop()) {
                    delegate.put(item, timeout);
                }
            }

            @Override
            public void putNowait(T item) throws Full {
                if (!drop()) {
                    delegate.putNowait(item);
                }
            }
        };
    }

    /** Swaps the first two available items on get: not FIFO. */
    static final QueuePatch REORDERS = patch()
            .get(q -> swap(q, q.get()))
            .timedGet((q, timeout) -> swap(q, q.get(timeout)))
            .getNowait(q -> {
                try {
                    return swap(q, q.getNowait());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Empty("interrupted");
                }
            });

    private static Object swap(Queue<Object> q, Object first) throws InterruptedException {
        Object second;
        try {
            second = q.getNowait();
        } catch (Empty e) {
            return first;
        }
        q.put(first);
        return second;
    }

    /** Reports the requested maxsize but never bounds the queue, and full() is always false. */
    static Context ignoresMaxsize(Context context) {
        return new ForwardingContext(context) {
            @Override
            public <T> Queue<T> queue(int maxsize, Codec codec) {
                int reported = maxsize <= 0 ? Queue.UNBOUNDED : maxsize;
                return patch().maxsize(q -> reported).on(delegate.queue(0, codec));
            }
        };
    }


    /** putNowait and put(timeout) on a full queue return normally (dropping the item) instead of Full. */
    static final QueuePatch NEVER_FULL = patch()
            .putNowait((q, item) -> {
                try {
                    q.putNowait(item);
                } catch (Full ignored) {
                    // the defect: the caller believes the item was enqueued
                }
            })
            .timedPut((q, item, timeout) -> {
                try {
                    q.put(item, timeout);
                } catch (Full ignored) {
                    // the defect
                }
            });

    /** getNowait and get(timeout) on an empty queue return null instead of raising Empty. */
    static final QueuePatch NEVER_EMPTY = patch()
            .getNowait(q -> {
                try {
                    return q.getNowait();
                } catch (Empty e) {
                    return null;
                }
            })
            .timedGet((q, timeout) -> {
                try {
                    return q.get(timeout);
                } catch (Empty e) {
                    return null;
                }
            });

    /** Timed get and put give up at once: the timeout's lower bound is broken. */
    static final QueuePatch IGNORES_TIMEOUTS = patch()
            .timedGet((q, timeout) -> {
                Objects.requireNonNull(timeout);
                return q.getNowait();
            })
            .timedPut((q, item, timeout) -> {
                Objects.requireNonNull(timeout);
                q.putNowait(item);
            });

    /** Timed get and put wait twice the allowed overrun past their timeout: the upper bound is broken. */
    static Duration late(Duration timeout) {
        return timeout.plus(TckEnvironment.current().timeoutOverrun().multipliedBy(2));
    }

    static final QueuePatch OVERSLEEPS_TIMEOUTS = patch()
            .timedGet((q, timeout) -> q.get(timeout.isNegative() || timeout.isZero() ? timeout : late(timeout)))
            .timedPut((q, item, timeout) -> q.put(item, timeout.isNegative() || timeout.isZero() ? timeout
                    : late(timeout)));

    /** 250 ms times the time factor: longer than the allowed overrun, far shorter than the old 1 s tolerance. */
    static Duration lateBy() {
        return Duration.ofNanos((long) (250_000_000L * TckEnvironment.current().timeFactor()));
    }

    /** 200 ms times the time factor: a nowait call that waits this long waits for something. */
    static Duration nowaitStall() {
        return Duration.ofNanos((long) (200_000_000L * TckEnvironment.current().timeFactor()));
    }

    /** Sleeps without giving up on an interrupt (restores the status), as a call stuck on a lock would. */
    static void stall(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        boolean interrupted = false;
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** getNowait() waits 200 ms (say, for a lock a reader holds) before it raises Empty. */
    static final QueuePatch SLOW_GET_NOWAIT = patch().getNowait(q -> {
        stall(nowaitStall());
        return q.getNowait();
    });

    /** get(timeout) on an empty queue raises Empty 250 ms after its timeout. */
    static final QueuePatch LATE_TIMED_GET = patch().timedGet((q, timeout) -> {
        try {
            return q.get(timeout);
        } catch (Empty e) {
            if (timeout.compareTo(Duration.ZERO) > 0) {
                stall(lateBy());
            }
            throw e;
        }
    });

    /** put(item, timeout) on a full queue raises Full 250 ms after its timeout. */
    static final QueuePatch LATE_TIMED_PUT = patch().timedPut((q, item, timeout) -> {
        try {
            q.put(item, timeout);
        } catch (Full e) {
            if (timeout.compareTo(Duration.ZERO) > 0) {
                stall(lateBy());
            }
            throw e;
        }
    });

    /** joinThread() waits for a feeder that is still flushing a large item, and retries after an interrupt. */
    static <T> Queue<T> joinThreadIgnoresInterrupt(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;
            private volatile boolean flushing;
            private volatile long flushedAt;

            @Override
            public void put(T item) throws InterruptedException {
                delegate.put(item);
                if (item instanceof byte[] && ((byte[]) item).length >= (1 << 20)) {
                    // as if a feeder needed ten seconds to write it into a pipe nobody reads
                    flushedAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    flushing = true;
                }
            }

            @Override
            public void joinThread() throws InterruptedException {
                delegate.joinThread();
                long left;
                while (flushing && (left = flushedAt - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
                    } catch (InterruptedException e) {
                        // the defect: keep waiting for the feeder
                    }
                }
            }
        };
    }

    /** get(timeout) lets a decoding failure out as an internal type instead of CodecException. */
    static final QueuePatch DECODE_ERROR_ESCAPES = patch().timedGet((q, timeout) -> {
        try {
            return q.get(timeout);
        } catch (CodecException e) {
            throw new IllegalStateException("frame decoding failed", e);
        }
    });

    /** getNowait on an empty queue waits for an item instead of raising Empty. */
    static final QueuePatch HANGS_IN_GET_NOWAIT = patch().getNowait(q -> {
        try {
            return q.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Empty("interrupted");
        }
    });

    /** billiard before bpo-30595: get(timeout <= 0) raises Empty even with an item available. */
    static final QueuePatch ZERO_TIMEOUT_ALWAYS_EMPTY = patch().timedGet((q, timeout) -> {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new Empty("no wait");
        }
        return q.get(timeout);
    });

    /** put(null) is silently ignored. */
    static final QueuePatch DROPS_NULL = patch().put((q, item) -> {
        if (item != null) {
            q.put(item);
        }
    });

    /** A null timeout is taken as "wait forever" instead of being rejected. */
    static final QueuePatch ACCEPTS_NULL_TIMEOUT = patch().timedPut((q, item, timeout) -> {
        if (timeout == null) {
            q.put(item);
        } else {
            q.put(item, timeout);
        }
    });

    /** empty() is always false. */
    static final QueuePatch EMPTY_LIES = patch().empty(q -> false);

    /** qsize() is one too high once the queue holds items. */
    static final QueuePatch QSIZE_OFF_BY_ONE = patch().qsize(q -> {
        int size = q.qsize();
        return size == 0 ? 0 : size + 1;
    });

    /** An asynchronous feeder: items become visible some milliseconds after put returned. */
    static final ScheduledExecutorService FEEDER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mutant feeder");
        thread.setDaemon(true);
        return thread;
    });

    static final QueuePatch LAZY_FEEDER = patch().put((q, item) -> FEEDER.schedule(() -> {
        q.put(item);
        return null;
    }, 30, TimeUnit.MILLISECONDS));

    /** Full carries no message naming the bound. */
    static final QueuePatch SILENT_FULL = patch().putNowait((q, item) -> {
        try {
            q.putNowait(item);
        } catch (Full e) {
            throw new Full("full");
        }
    });

    /** close() only flips isClosed(); the handle keeps working. */
    static <T> Queue<T> closeIsNoop(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
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

            @Override
            public void joinThread() {
                // accepted once "closed"
            }
        };
    }

    /** joinThread() is accepted on an open handle. */
    static final QueuePatch JOIN_THREAD_WITHOUT_CLOSE = patch().joinThread(q -> {
        // the defect: no check of the closed state
    });

    /** After cancelJoinThread(), joinThread() waits forever for a feeder that was told not to flush. */
    static <T> Queue<T> cancelJoinHangs(Queue<T> queue) {
        return new ForwardingQueue<>(queue) {
            private static final long serialVersionUID = 1L;
            private volatile boolean cancelled;

            @Override
            public void cancelJoinThread() {
                cancelled = true;
            }

            @Override
            public void joinThread() throws InterruptedException {
                delegate.joinThread();
                if (cancelled) {
                    new CountDownLatch(1).await();
                }
            }
        };
    }

    /** put() retries after an interrupt instead of throwing InterruptedException. */
    static final QueuePatch SWALLOWS_INTERRUPT_IN_PUT = patch().put((q, item) -> {
        while (true) {
            try {
                q.put(item);
                return;
            } catch (InterruptedException e) {
                // the defect: retry
            }
        }
    });

    /** put(timeout) reports an interrupt as Full. */
    static final QueuePatch INTERRUPT_AS_FULL = patch().timedPut((q, item, timeout) -> {
        try {
            q.put(item, timeout);
        } catch (InterruptedException e) {
            throw new Full("interrupted");
        }
    });

    /** get() throws InterruptedException but leaves the interrupt status set. */
    static final QueuePatch LEAVES_INTERRUPT_STATUS = patch().get(q -> {
        try {
            return q.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    });

    /** get(timeout) reports an interrupt as Empty. */
    static final QueuePatch INTERRUPT_AS_EMPTY = patch().timedGet((q, timeout) -> {
        try {
            return q.get(timeout);
        } catch (InterruptedException e) {
            throw new Empty("interrupted");
        }
    });

    /** Hands the receiver the sender's live object instead of a copy (encoding deferred). */
    static final Map<String, Object> LIVE = new ConcurrentHashMap<>();

    static final QueuePatch SHARES_LIVE_OBJECTS = patch()
            .put((q, item) -> {
                String token = "live:" + UUID.randomUUID();
                LIVE.put(token, item == null ? "null" : item);
                q.put(token);
            })
            .getNowait(q -> LIVE.remove((String) q.getNowait()))
            .timedGet((q, timeout) -> LIVE.remove((String) q.get(timeout)));

    /** An item that cannot be encoded is dropped silently (billiard's feeder behaviour). */
    static final QueuePatch SWALLOWS_CODEC_ERROR = patch().put((q, item) -> {
        try {
            q.put(item);
        } catch (CodecException e) {
            // the defect: lost silently
        }
    });

    /** An item that cannot be encoded still takes a slot (and counts as a task), as billiard leaks it. */
    static <T> org.jbilliard.JoinableQueue<T> codecErrorLeaksSlotJoinable(org.jbilliard.JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            @SuppressWarnings("unchecked")
            public void put(T item) throws InterruptedException {
                leakSlot((Queue<Object>) delegate, item);
            }
        };
    }

    static final QueuePatch CODEC_ERROR_LEAKS_SLOT = patch().put(QueueMutants::leakSlot);

    private static void leakSlot(Queue<Object> q, Object item) throws InterruptedException {
        try {
            q.put(item);
        } catch (CodecException e) {
            q.put(null);
            throw e;
        }
    }

    /** Declares a limit of 1 MiB but accepts larger items. */
    static Context noSizeLimit(Context context) {
        return new ForwardingContext(context) {
            @Override
            public int maxItemBytes() {
                return 1 << 20;
            }
        };
    }
}
