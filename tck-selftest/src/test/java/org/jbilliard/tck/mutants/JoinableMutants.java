package org.jbilliard.tck.mutants;

import java.time.Duration;
import org.jbilliard.Full;
import org.jbilliard.JoinableQueue;

/** Mutants that break {@link JoinableQueue}'s task counting. */
public final class JoinableMutants {

    private JoinableMutants() {
    }

    /** taskDone() marks two tasks done. */
    static <T> JoinableQueue<T> taskDoneCountsTwice(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void taskDone() {
                joinable().taskDone();
                try {
                    joinable().taskDone();
                } catch (IllegalStateException ignored) {
                    // the count was already zero
                }
            }
        };
    }

    /** taskDone() never complains about being called too often. */
    static <T> JoinableQueue<T> taskDoneNeverThrows(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void taskDone() {
                try {
                    joinable().taskDone();
                } catch (IllegalStateException ignored) {
                    // the defect
                }
            }
        };
    }

    /** join() waits once, briefly, and returns (billiard's single wait). */
    static <T> JoinableQueue<T> joinReturnsEarly(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void join() throws InterruptedException {
                joinable().join(Duration.ofMillis(40));
            }
        };
    }

    /** join(timeout) returns false at once. */
    static <T> JoinableQueue<T> joinIgnoresTimeout(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean join(Duration timeout) throws InterruptedException {
                return joinable().join(Duration.ZERO);
            }
        };
    }

    /** join() retries after an interrupt. */
    static <T> JoinableQueue<T> joinSwallowsInterrupt(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public void join() {
                while (true) {
                    try {
                        joinable().join();
                        return;
                    } catch (InterruptedException e) {
                        // the defect: retry
                    }
                }
            }
        };
    }

    /** join(timeout) reports an interrupt as a timeout (false). */
    static <T> JoinableQueue<T> joinInterruptAsFalse(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean join(Duration timeout) {
                try {
                    return joinable().join(timeout);
                } catch (InterruptedException e) {
                    return false;
                }
            }
        };
    }

    /** close() of a joinable handle leaves taskDone and join working. */
    static <T> JoinableQueue<T> joinableCloseIsNoop(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
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

    /** A put rejected with Full still counts as an unfinished task. */
    static <T> JoinableQueue<T> countsRejectedPuts(JoinableQueue<T> queue) {
        return new ForwardingJoinableQueue<>(queue) {
            private static final long serialVersionUID = 1L;
            private int phantoms;

            @Override
            public void putNowait(T item) throws Full {
                try {
                    joinable().putNowait(item);
                } catch (Full e) {
                    synchronized (this) {
                        phantoms++;
                    }
                    throw e;
                }
            }

            @Override
            public boolean join(Duration timeout) throws InterruptedException {
                synchronized (this) {
                    if (phantoms > 0) {
                        return false;
                    }
                }
                return joinable().join(timeout);
            }
        };
    }
}
