package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jbilliard.launcher.ProcessTesting.CAPTURE;
import static org.jbilliard.launcher.ProcessTesting.describe;
import static org.jbilliard.launcher.ProcessTesting.joinBounded;
import static org.jbilliard.launcher.ProcessTesting.startBound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.Context;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a child's exit meets its queues: it leaves through {@code System.exit}, so what the task put is
 * flushed before the process ends (and so before {@code join()} returns), unless the task opted out
 * with {@code cancelJoinThread()}.
 */
class ProcessWithQueuesTest {

    /** More than a 1 MiB pipe holds, so a feeder with no reader on the other side cannot finish. */
    private static final int BIG_ITEMS = 40;
    private static final int BIG_ITEM_BYTES = 64 * 1024;

    private final Context context = new ReferenceContext();
    private final List<AutoCloseable> resources = new ArrayList<>();

    private TaskProcess start(TaskProcess process) {
        resources.add(process);
        process.start();
        return process;
    }

    private <T> Queue<T> queue() {
        Queue<T> queue = context.queue();
        resources.add(0, queue); // closed after the processes
        return queue;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void whatTheTaskPutIsFlushedBeforeJoinReturns() throws Exception {
        Queue<Integer> q = queue();
        TaskProcess p = start(context.process(() -> {
            for (int i = 0; i < 1000; i++) {
                q.put(i);
            }
        }, CAPTURE));
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(0);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            got.add(q.getNowait()); // everything is there already: getNowait, no waiting
        }
        assertThat(got).as(describe(p)).isEqualTo(java.util.stream.IntStream.range(0, 1000).boxed().toList());
    }

    @Test
    void childWaitsForItsFeederAtExitUntilTheItemsAreRead() throws Exception {
        Queue<byte[]> q = queue();
        TaskProcess p = start(context.process(() -> putBigItems(q, false), CAPTURE));
        ProcessTesting.awaitStdout(p, "all put");
        assertThat(p.join(Duration.ofMillis(500))).as("still flushing: " + describe(p)).isFalse();
        for (int i = 0; i < BIG_ITEMS; i++) {
            assertThat(q.get(startBound())).as(describe(p)).hasSize(BIG_ITEM_BYTES);
        }
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(0);
    }

    @Test
    void childThatCancelledTheJoinThreadExitsWithoutFlushing() throws Exception {
        Queue<byte[]> q = queue();
        TaskProcess p = start(context.process(() -> putBigItems(q, true), CAPTURE));
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(0);
        assertThat(p.capturedStdout()).contains("all put");
    }

    @Test
    void aQueueTheParentClosesRightAfterStartStaysForTheChildAndGoesAfterIt() throws Exception {
        Queue<Integer> q = context.queue();
        Queue<List<Integer>> results = queue();
        TaskProcess p = start(context.process(() -> results.put(drain(q, 20)), CAPTURE));
        for (int i = 0; i < 20; i++) {
            q.put(i);
        }
        String address = q.address();
        q.close(); // most likely before the child has even deserialized its task
        assertThat(results.get(startBound())).as(describe(p))
                .isEqualTo(java.util.stream.IntStream.range(0, 20).boxed().toList());
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(0);
        org.awaitility.Awaitility.await().atMost(startBound())
                .alias("the queue's files are removed once the parent's and the child's handles are closed")
                .until(() -> !java.nio.file.Files.exists(java.nio.file.Path.of(address)));
    }

    static List<Integer> drain(Queue<Integer> q, int count) throws Exception {
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(q.get(Duration.ofSeconds(30)));
        }
        return got;
    }

    static void putBigItems(Queue<byte[]> q, boolean cancelJoinThread) throws InterruptedException {
        if (cancelJoinThread) {
            q.cancelJoinThread();
        }
        for (int i = 0; i < BIG_ITEMS; i++) {
            q.put(new byte[BIG_ITEM_BYTES]);
        }
        System.out.println("all put");
    }
}
