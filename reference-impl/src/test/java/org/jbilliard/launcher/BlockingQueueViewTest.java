package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jbilliard.launcher.ProcessTesting.CAPTURE;
import static org.jbilliard.launcher.ProcessTesting.bound;
import static org.jbilliard.launcher.ProcessTesting.describe;
import static org.jbilliard.launcher.ProcessTesting.joinBounded;
import static org.jbilliard.launcher.ProcessTesting.startBound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.jbilliard.BlockingQueueView;
import org.jbilliard.Context;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Queue#asBlockingQueue()} on the reference implementation, in the manner of the JSR-166 TCK's
 * {@code BlockingQueueTest}: the four forms of insert and remove, the timed forms' bounds, interrupts,
 * {@code drainTo}, null rejection, the unsupported {@code Collection} methods, and a child JVM that
 * produces through its own view.
 */
class BlockingQueueViewTest {

    /** A timed operation that must time out: long enough to measure, short enough for the suite. */
    private static final long SHORT_MS = 100;

    private final Context context = new ReferenceContext();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private <T> Queue<T> queue(int maxsize) {
        Queue<T> queue = context.queue(maxsize);
        resources.add(queue);
        return queue;
    }

    @AfterEach
    void closeEverything() throws Exception {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(bound(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void offerAndPollAreFifoAndSayFullAndEmptyWithoutThrowing() {
        BlockingQueue<Integer> view = this.<Integer>queue(3).asBlockingQueue();
        assertThat(view.remainingCapacity()).isEqualTo(3);
        assertThat(view.offer(1)).isTrue();
        assertThat(view.offer(2)).isTrue();
        assertThat(view.add(3)).isTrue();
        awaitSize(view, 3);
        assertThat(view.remainingCapacity()).isZero();
        assertThat(view.offer(4)).as("offer on a full queue").isFalse();
        assertThatThrownBy(() -> view.add(4)).isInstanceOf(IllegalStateException.class);

        assertThat(view.poll()).isEqualTo(1);
        assertThat(view.remove()).isEqualTo(2);
        assertThat(pollBounded(view)).isEqualTo(3);
        assertThat(view.poll()).as("poll on an empty queue").isNull();
        assertThatThrownBy(view::remove).isInstanceOf(NoSuchElementException.class);
        assertThat(view.isEmpty()).isTrue();
    }

    @Test
    void anUnboundedQueueHasNoCapacityLimit() {
        BlockingQueue<String> view = this.<String>queue(0).asBlockingQueue();
        assertThat(view.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void nullIsRejectedOnEveryInsertAndNothingIsEnqueued() throws Exception {
        Queue<String> q = queue(2);
        BlockingQueue<String> view = q.asBlockingQueue();
        assertThatThrownBy(() -> view.offer(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("does not accept null");
        assertThatThrownBy(() -> view.offer(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> view.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> view.add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> view.addAll(java.util.Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> view.offer("x", 1, null)).isInstanceOf(NullPointerException.class);
        assertThat(pollBounded(view)).as("addAll adds up to the null").isEqualTo("a");
        assertThat(view.poll()).isNull();
    }

    @Test
    void aNullItemPutThroughTheQueueIsConsumedAndReportedNotMistakenForEmpty() throws Exception {
        Queue<String> q = queue(0);
        BlockingQueue<String> view = q.asBlockingQueue();
        q.put(null);
        q.put("after");
        assertThatThrownBy(() -> view.poll(startBound().toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("null item");
        assertThat(view.take()).as("the null was consumed, the next item follows").isEqualTo("after");
    }

    @Test
    void timedOfferOnAFullQueueWaitsAboutItsTimeoutThenReturnsFalse() throws Exception {
        BlockingQueue<Integer> view = this.<Integer>queue(1).asBlockingQueue();
        view.put(1);
        awaitSize(view, 1);
        long start = System.nanoTime();
        assertThat(view.offer(2, SHORT_MS, TimeUnit.MILLISECONDS)).isFalse();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(SHORT_MS).isLessThan(bound(Duration.ofSeconds(5)).toMillis());
        assertThat(view.offer(2, 0, TimeUnit.SECONDS)).as("zero timeout on a full queue").isFalse();
        assertThat(pollBounded(view)).isEqualTo(1);
        assertThat(view.offer(2, -1, TimeUnit.SECONDS)).as("negative timeout with a free slot").isTrue();
    }

    @Test
    void timedPollOnAnEmptyQueueWaitsAboutItsTimeoutThenReturnsNull() throws Exception {
        BlockingQueue<Integer> view = this.<Integer>queue(1).asBlockingQueue();
        long start = System.nanoTime();
        assertThat(view.poll(SHORT_MS, TimeUnit.MILLISECONDS)).isNull();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(SHORT_MS).isLessThan(bound(Duration.ofSeconds(5)).toMillis());
        assertThat(view.poll(0, TimeUnit.NANOSECONDS)).isNull();
    }

    @Test
    void takeWaitsForAnItemPutByAnotherThread() throws Exception {
        BlockingQueue<String> view = this.<String>queue(1).asBlockingQueue();
        CountDownLatch taking = new CountDownLatch(1);
        Future<String> taken = threads.submit(() -> {
            taking.countDown();
            return view.take();
        });
        assertThat(taking.await(bound(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(taken.isDone()).as("take returned before any put").isFalse();
        view.put("item");
        assertThat(taken.get(bound(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("item");
    }

    @Test
    void putOnAFullQueueWaitsForATake() throws Exception {
        BlockingQueue<Integer> view = this.<Integer>queue(1).asBlockingQueue();
        view.put(1);
        awaitSize(view, 1);
        CountDownLatch putting = new CountDownLatch(1);
        Future<?> put = threads.submit(() -> {
            putting.countDown();
            view.put(2);
            return null;
        });
        assertThat(putting.await(bound(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(put.isDone()).as("put returned on a full queue").isFalse();
        assertThat(view.take()).isEqualTo(1);
        put.get(bound(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(pollBounded(view)).isEqualTo(2);
    }

    @Test
    void blockedPutAndTakeThrowInterruptedExceptionAndLeaveTheQueueAsItWas() throws Exception {
        BlockingQueue<Integer> full = this.<Integer>queue(1).asBlockingQueue();
        full.put(1);
        awaitSize(full, 1);
        assertInterruptible(() -> full.put(2));
        assertInterruptible(() -> full.offer(2, 1, TimeUnit.DAYS));
        assertThat(full.size()).isEqualTo(1);
        assertThat(full.poll()).isEqualTo(1);
        assertThat(full.poll()).isNull();

        BlockingQueue<Integer> empty = this.<Integer>queue(1).asBlockingQueue();
        assertInterruptible(empty::take);
        assertInterruptible(() -> empty.poll(1, TimeUnit.DAYS));
        empty.put(7);
        assertThat(pollBounded(empty)).as("the interrupted takes took nothing").isEqualTo(7);
    }

    @Test
    void drainToMovesWhatIsThereInOrderUpToItsLimit() throws Exception {
        BlockingQueue<Integer> view = this.<Integer>queue(0).asBlockingQueue();
        for (int i = 0; i < 5; i++) {
            view.put(i);
        }
        awaitSize(view, 5);
        List<Integer> first = new ArrayList<>();
        assertThat(view.drainTo(first, 2)).isEqualTo(2);
        assertThat(first).containsExactly(0, 1);
        assertThat(view.drainTo(first, 0)).isZero();
        List<Integer> rest = new ArrayList<>();
        assertThat(view.drainTo(rest)).isEqualTo(3);
        assertThat(rest).containsExactly(2, 3, 4);
        assertThat(view.drainTo(rest)).isZero();
        assertThatThrownBy(() -> view.drainTo(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> view.drainTo(view)).isInstanceOf(IllegalArgumentException.class);

        view.put(9);
        awaitSize(view, 1);
        view.clear();
        assertThat(view.poll()).isNull();
    }

    @Test
    void methodsThatWouldLookAtItemsWithoutTakingThemAreUnsupported() throws Exception {
        BlockingQueue<Integer> view = this.<Integer>queue(0).asBlockingQueue();
        view.put(1);
        awaitSize(view, 1);
        List<Runnable> unsupported = List.of(view::peek, view::element, view::iterator, () -> view.contains(1),
                () -> view.remove(Integer.valueOf(1)), view::toArray, () -> view.toArray(new Integer[0]),
                () -> view.containsAll(List.of(1)), () -> view.removeAll(List.of(1)), () -> view.retainAll(List.of()),
                () -> view.removeIf(x -> true), () -> view.forEach(x -> { }), () -> view.stream().count());
        for (Runnable call : unsupported) {
            assertThatThrownBy(call::run).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot show an item without taking it");
        }
        assertThat(view.toString()).startsWith("BlockingQueueView[");
        assertThat(view.poll()).as("none of them took the item").isEqualTo(1);
    }

    @Test
    void theViewReachesTheQueueThroughItsHandle() {
        Queue<String> q = queue(0);
        BlockingQueueView<String> view = (BlockingQueueView<String>) q.asBlockingQueue();
        assertThat(view.queue()).isSameAs(q);
        q.close();
        assertThatThrownBy(() -> view.offer("x")).isInstanceOf(org.jbilliard.QueueClosedException.class);
    }

    @Test
    void aChildProducesThroughItsOwnViewAndTheParentConsumesThroughAnother() throws Exception {
        Queue<Integer> q = queue(4);
        TaskProcess child = context.process(() -> {
            BlockingQueue<Integer> out = q.asBlockingQueue();
            for (int i = 0; i < 50; i++) {
                out.put(i);
            }
            out.put(-1); // a non-null end marker: a BlockingQueue has no null items
        }, CAPTURE);
        resources.add(child);
        child.start();
        BlockingQueue<Integer> in = q.asBlockingQueue();
        List<Integer> got = new ArrayList<>();
        for (Integer item; (item = in.poll(startBound().toMillis(), TimeUnit.MILLISECONDS)) != null && item >= 0; ) {
            got.add(item);
        }
        joinBounded(child);
        assertThat(child.exitCode()).as(describe(child)).hasValue(0);
        assertThat(got).as(describe(child)).isEqualTo(IntStream.range(0, 50).boxed().toList());
    }

    /** Puts are accepted before the feeder has written them: wait until the items are visible. */
    private static void awaitSize(BlockingQueue<?> view, int size) {
        org.awaitility.Awaitility.await().atMost(bound(Duration.ofSeconds(10)))
                .pollInterval(Duration.ofMillis(5)).until(() -> view.size() == size);
    }

    private static <T> T pollBounded(BlockingQueue<T> view) {
        try {
            T item = view.poll(bound(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(item).as("an item within the bound").isNotNull();
            return item;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private interface Blocking {
        void call() throws Exception;
    }

    /** Runs {@code call} in a thread, interrupts it once it blocks, expects InterruptedException. */
    private void assertInterruptible(Blocking call) throws Exception {
        AtomicReference<Thread> runner = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Future<Throwable> outcome = threads.submit(() -> {
            runner.set(Thread.currentThread());
            started.countDown();
            try {
                call.call();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(started.await(bound(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        // NOTE: one interrupt suffices even if it lands before the call blocks: the interrupt status
        // stays set, and a blocking call that starts with it set throws at once.
        runner.get().interrupt();
        Throwable thrown = outcome.get(bound(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(thrown).isInstanceOf(InterruptedException.class);
    }
}
